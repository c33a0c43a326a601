// What the Lab page says about the publisher's queue beyond its counts: messages set aside because the broker
// refused them, and a disk the queue cannot write to.
import type { MqttStatus } from '../../../../shared/bridge/contracts/mqtt';

/** One sentence per trouble, in plain words; none when all is well. */
export function queueNotes(s: MqttStatus): string[] {
  const notes: string[] = [];
  if (s.setAside) {
    const n = s.setAside.count;
    notes.push(
      `${n.toLocaleString('en-US')} ${n === 1 ? 'message was' : 'messages were'} set aside and will not be sent, so that the rest can flow. Last: ${s.setAside.last}. Kept in ${s.setAside.file} in the bench’s config folder.`,
    );
  }
  if (s.queueProblem) notes.push(s.queueProblem);
  return notes;
}
