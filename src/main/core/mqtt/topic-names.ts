// Each board's level in the topic tree, fixed the first time the board is published. A name once given is never
// given to another board id, even after its board was removed: subscribers, dashboards and remote-command senders
// that name `lab-1` keep meaning the one board that had it.
import type { SettingsStore } from '../settings-store';
import { topicName } from './topics';

/**
 * Most board ids whose topic names are remembered. Past it, the name of the board removed longest ago is forgotten
 * (and could be given again); names of boards that still exist are never forgotten.
 */
export const MAX_TOPIC_NAMES = 5000;

/** Who fixes each board's topic level (the profile store in the app; a TopicNames in memory elsewhere). */
export interface BoardTopicNames {
  /** The board's topic level: the one it was first given, else a new one from its name that no board id had. */
  topicOf(id: string, name: string): string;
}

/** Board id → topic level, in the order they were given (the oldest first). */
export class TopicNames implements BoardTopicNames {
  private readonly byId = new Map<string, string>();
  private readonly taken = new Set<string>();

  constructor(
    initial: Iterable<readonly [string, string]> = [],
    private readonly opts: {
      /** Whether a board id still exists (its name is then never forgotten). Default: every id does. */
      readonly exists?: (id: string) => boolean;
      /** Hears a new name given (to save it). */
      readonly onAssign?: () => void;
      readonly max?: number;
    } = {},
  ) {
    for (const [id, topic] of initial) {
      if (this.byId.has(id) || this.taken.has(topic) || topicName(topic) !== topic) continue;
      this.byId.set(id, topic);
      this.taken.add(topic);
    }
  }

  /** The fixed topic level of a board, or undefined when it was never given one. */
  get(id: string): string | undefined {
    return this.byId.get(id);
  }

  topicOf(id: string, name: string): string {
    const had = this.byId.get(id);
    if (had !== undefined) return had;
    const base = topicName(name);
    let topic = base;
    for (let n = 2; this.taken.has(topic); n++) topic = `${base}-${n}`;
    this.forgetOldest();
    this.byId.set(id, topic);
    this.taken.add(topic);
    this.opts.onAssign?.();
    return topic;
  }

  /** Every id and its topic level, the oldest first. */
  entries(): Array<[string, string]> {
    return [...this.byId];
  }

  /** At the limit, the name of the board removed longest ago goes (a name of an existing board never does). */
  private forgetOldest(): void {
    if (this.byId.size < (this.opts.max ?? MAX_TOPIC_NAMES)) return;
    const exists = this.opts.exists ?? (() => true);
    for (const [id, topic] of this.byId) {
      if (exists(id)) continue;
      this.byId.delete(id);
      this.taken.delete(topic);
      return;
    }
  }
}

/**
 * The remote-command list with the topic names an older version kept in it turned into board ids: an entry that is
 * no board's id but is the fixed topic level of a board that exists becomes that board's id. Every other entry is
 * kept as it is (an id of a board the agent watches, say). Run once, when the topic names were first fixed.
 */
export function remoteCommandsById(
  list: readonly string[],
  boards: ReadonlyArray<{ readonly id: string; readonly topic: string | undefined }>,
): string[] {
  const ids = new Set(boards.map((b) => b.id));
  const out: string[] = [];
  for (const entry of list) {
    const id = ids.has(entry) ? entry : (boards.find((b) => b.topic === entry)?.id ?? entry);
    if (!out.includes(id)) out.push(id);
  }
  return out;
}

/** The board topic levels as the profile store keeps them. */
export interface KeptTopicNames extends BoardTopicNames {
  /** Every board there is, with its fixed topic level. */
  boardTopics(): ReadonlyArray<{ readonly id: string; readonly topic: string | undefined }>;
  /** The topic levels were first fixed at this start: the remote-command list may still name boards by them. */
  readonly topicsMigrated: boolean;
}

/**
 * Once, when the topic levels were first fixed: an older version obeyed a remote-command entry naming a board's
 * topic level, which another board took over when the first was removed; from then on entries are board ids.
 */
export function remoteCommandsToIds(
  settings: SettingsStore,
  topics: KeptTopicNames,
  log: (message: string) => void,
): void {
  if (!topics.topicsMigrated) return;
  const mqtt = settings.get().mqtt;
  const ids = remoteCommandsById(mqtt.remoteCommands, topics.boardTopics());
  if (JSON.stringify(ids) === JSON.stringify(mqtt.remoteCommands)) return;
  try {
    settings.set({ mqtt: { ...mqtt, remoteCommands: ids } });
    log('MQTT: the remote-command list now names boards by id instead of topic name');
  } catch (err) {
    log(`MQTT: cannot save the remote-command list by board id (${String(err)})`);
  }
}
