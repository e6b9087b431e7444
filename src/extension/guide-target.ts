// The command URIs that open the investigation guide (from hovers and the Problems panel).
// Their arguments come back as untrusted input: the command validates them with the guide's
// own parseGuideTarget (guide/messages.ts).
import type { GuideTarget } from './guide/guide-types';

export const OPEN_GUIDE_COMMAND = 'cloudtrailLens.openGuide';
export const FOCUS_FINDINGS_COMMAND = 'cloudtrailLens.findings.focus';

/** Builds a `command:` URI whose argument list survives Markdown link syntax intact. */
export function commandUri(command: string, args: readonly unknown[] = []): string {
  if (args.length === 0) return `command:${command}`;

  // encodeURIComponent leaves ( ) ' ! * alone; a ")" would end a Markdown link destination
  const encoded = encodeURIComponent(JSON.stringify(args))
    .replace(/[()'!*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
  return `command:${command}?${encoded}`;
}

/** The command URI that opens the guide for a target. */
export function guideCommandUri(target: GuideTarget): string {
  return commandUri(OPEN_GUIDE_COMMAND, [target]);
}
