import type { RefObject } from 'react';
import { filesFromInput, type PickedFile } from './upload-from-browser';

/**
 * A hidden file picker that a toolbar button clicks. With `folder` it picks a whole folder (its files keep their
 * paths inside it). It is emptied after each upload, so picking the same files again uploads them again.
 */
export function UploadInput({
  inputRef,
  folder = false,
  testId,
  onFiles,
}: {
  inputRef: RefObject<HTMLInputElement | null>;
  folder?: boolean;
  testId: string;
  onFiles: (files: PickedFile[]) => Promise<void>;
}) {
  return (
    <input
      ref={(el) => {
        inputRef.current = el;
        // Not a React prop: set as a plain attribute, which every browser this app runs in understands.
        if (folder) el?.setAttribute('webkitdirectory', '');
      }}
      type="file"
      multiple
      hidden
      data-testid={testId}
      onChange={(e) => {
        const input = e.target;
        void onFiles(filesFromInput(input.files)).then(() => (input.value = ''));
      }}
    />
  );
}
