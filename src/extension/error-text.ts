// One way to turn a thrown value into words for a message or the log. Error messages quote
// file names and values from logs and rule files, so the words go through visibleText: no
// control, bidi or zero-width character reaches a notification, a diagnostic or the log.
import { visibleText } from '../core/display-text';

/** The message of an Error, or the thrown value as text, with hidden characters made visible. */
export function errorMessage(error: unknown): string {
  return visibleText(rawErrorMessage(error));
}

function rawErrorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error) ?? typeof error;
  } catch {
    return typeof error;
  }
}
