// Candidate exceptions for a finding, as the "Add exception..." quick fix offers them: for this
// user, this principal, this access key, this user agent, this source address. Values come from
// the finding's fields (the rule's investigation fields and a few always useful ones), or from
// the event's ECS document when the caller has it. The label is display text: the values in it
// are cut on a grapheme boundary and their hidden characters made visible (visibleText); the
// entries keep the exact values.
import { cutText, visibleText } from '../display-text';
import type { EcsDocument, Finding, JsonPlain } from '../types';
import type { ExceptionEntry, ExceptionItem, ExceptionsFile } from './exception-types';

/** What an exception would be keyed on. */
export type CandidateKind = 'user' | 'principal' | 'access-key' | 'user-agent' | 'source';

/** A proposed item, before the user gives it a comment. */
export interface ExceptionCandidate {
  kind: CandidateKind;
  /** A short label for a quick pick, such as `This user (alice)`, with hidden characters shown. */
  label: string;
  entries: ExceptionEntry[];
}

// The fields each candidate reads, first present wins. Both the user and the principal are
// offered: for an assumed role user.name is the role's name, shared by all its sessions, while
// the ARN names one session.
const CANDIDATE_FIELDS: { kind: CandidateKind; noun: string; fields: string[] }[] = [
  { kind: 'user', noun: 'user', fields: ['user.name'] },
  { kind: 'principal', noun: 'principal', fields: ['aws.cloudtrail.user_identity.arn'] },
  { kind: 'access-key', noun: 'access key',
    fields: ['aws.cloudtrail.user_identity.access_key_id'] },
  { kind: 'user-agent', noun: 'user agent', fields: ['user_agent.original'] },
  // source.ip is the ip-typed field; source.address also holds service names ("AWS Internal")
  { kind: 'source', noun: 'source address', fields: ['source.ip', 'source.address'] },
];

const LABEL_VALUE_LIMIT = 60;

/** The candidate exception items for a finding, in the order a quick pick should list them. */
export function suggestExceptionItems(finding: Finding, doc?: EcsDocument):
  ExceptionCandidate[] {
  const candidates: ExceptionCandidate[] = [];

  for (const { kind, noun, fields } of CANDIDATE_FIELDS) {
    for (const field of fields) {
      const values = valuesOf(finding.fields[field]) ?? documentValues(doc, field);
      if (values === undefined) continue;

      const entry: ExceptionEntry = values.length === 1
        ? { field, operator: 'is', value: values[0] }
        : { field, operator: 'is one of', values };
      candidates.push({ kind, label: `This ${noun} (${shorten(values.join(', '))})`,
        entries: [entry] });
      break;
    }
  }
  return candidates;
}

/** What the user adds to a candidate to make it an item. */
export interface ItemDetails {
  id: string;
  comment: string;
  author: string;
  created: Date;
  expires?: Date;
}

/** Completes a candidate into an exception item. */
export function buildExceptionItem(candidate: Pick<ExceptionCandidate, 'entries'>,
  details: ItemDetails): ExceptionItem {
  const item: ExceptionItem = {
    id: details.id,
    comment: details.comment,
    author: details.author,
    created: details.created.toISOString(),
    entries: candidate.entries.map((e) => ({ ...e })),
  };
  if (details.expires !== undefined) item.expires = details.expires.toISOString();
  return item;
}

/** An id of the form exc-N that no item of the file uses yet. */
export function nextExceptionId(file: ExceptionsFile | undefined): string {
  let highest = 0;
  for (const items of Object.values(file?.exceptions ?? {})) {
    for (const item of items) {
      const m = /^exc-(\d+)$/.exec(item.id);
      if (m !== null) highest = Math.max(highest, Number(m[1]));
    }
  }
  return `exc-${highest + 1}`;
}

function valuesOf(value: JsonPlain | undefined): string[] | undefined {
  const list = Array.isArray(value) ? value : [value];
  const texts = list.flatMap((v) => typeof v === 'string' ? [v]
    : typeof v === 'number' || typeof v === 'boolean' ? [String(v)] : []);
  return texts.length > 0 ? [...new Set(texts)] : undefined;
}

function documentValues(doc: EcsDocument | undefined, field: string): string[] | undefined {
  const indexed = doc?.field(field);
  if (indexed === undefined || !indexed.searchable) return undefined;
  const texts = [...new Set(indexed.values.map((v) => v.text))];
  return texts.length > 0 ? texts : undefined;
}

/** The value as a label shows it: cut (ellipsis included) to the limit, then made visible. */
function shorten(text: string): string {
  const cut = text.length <= LABEL_VALUE_LIMIT ? text : cutText(text, LABEL_VALUE_LIMIT - 1);
  return visibleText(cut);
}
