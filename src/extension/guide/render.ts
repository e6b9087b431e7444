// Builds the guide panel's page: rule metadata, the investigation guide and, for a finding,
// the event's investigation fields, why the query matched, and the raw event. Pure (no vscode),
// so the whole page is unit-tested and loaded in a real browser by the webview tests. Every
// text from a rule file or a log is HTML-escaped and has its control, bidi and invisible
// characters written as visible `\u{hex}` escapes (shown()); values used as data (data-field,
// the saved state) stay exact. The stylesheet isolates the elements that hold such text too.
import { cutText, visibleLines, visibleText } from '../../core/display-text';
import type { ClauseExplanation, Finding, JsonPlain, Rule, Threat } from '../../core/types';
import { escapeHtml } from './escape-html';
import { revealableFields, fieldSpan } from './finding-spans';
import {
  type FieldMention, linkElement, renderGuideMarkdown,
} from './guide-markdown';
import type { GuideTarget } from './guide-types';
import { normalizeExternalUrl } from './messages';
import { prettyJson } from './pretty-json';

export interface GuideRenderInput {
  rule: Rule;
  finding?: Finding;
  /** Zero-based position of the finding among its rule's findings in the document. */
  findingPosition?: { index: number; total: number };
  /** The event's raw JSON text (already unescaped when it sat in a JSON string). */
  eventText?: string;
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
  /** What the page stores with setState so that the panel survives a reload. */
  state?: GuideTarget;
  /** A short name of the finding's document (its file name), for the finding bar. */
  documentLabel?: string;
  /** A sentence shown above everything else (e.g. the finding is no longer available). */
  notice?: string;
}

// Beyond these sizes the page would slow down for no reader's benefit.
const VALUE_LIMIT = 4_000;
const EVENT_TEXT_LIMIT = 500_000;

/** The complete HTML of the guide panel for a rule and, optionally, one of its findings. */
export function renderGuideHtml(input: GuideRenderInput): string {
  const { rule, finding } = input;
  const fields = finding ? fieldMentions(rule, finding) : new Map<string, FieldMention>();

  const sections = [
    finding ? renderFindingBar(input, finding) : '',
    finding ? renderFieldsSection(rule, finding) : '',
    finding ? renderExplanationSection(finding.explanation) : '',
    renderMarkdownSection('guide', 'Investigation guide', rule.note, fields),
    renderMarkdownSection('setup', 'Setup', rule.setup, fields),
    renderListSection('false-positives', 'False positives', rule.falsePositives),
    renderThreatSection(rule.threat),
    renderReferencesSection(rule.references),
    renderDetailsSection(rule),
    finding && input.eventText !== undefined ? renderEventSection(input.eventText) : '',
  ];

  const notice = input.notice === undefined ? ''
    : `<p class="notice" role="status">${shown(input.notice)}</p>`;
  return pageHtml(input, `Guide: ${rule.name}`, [
    renderHeader(rule),
    notice,
    '<main>',
    ...sections.filter((section) => section !== ''),
    '</main>',
    renderFooter(rule),
  ]);
}

/** The skeleton shared by every page of the panel: CSP first, one stylesheet, one script. */
export function pageHtml(input: Pick<GuideRenderInput,
  'cspSource' | 'nonce' | 'scriptUri' | 'styleUri' | 'state'>, title: string,
  body: string[]): string {
  const csp = `default-src 'none'; style-src ${input.cspSource}; `
    + `img-src ${input.cspSource} https: data:; script-src 'nonce-${input.nonce}'`;
  const state = input.state ? ` data-state="${escapeHtml(JSON.stringify(input.state))}"` : '';

  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">`,
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${shown(title)}</title>`,
    `<link rel="stylesheet" href="${escapeHtml(input.styleUri)}">`,
    '</head>',
    `<body${state}>`,
    ...body,
    `<script nonce="${escapeHtml(input.nonce)}" src="${escapeHtml(input.scriptUri)}"></script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** A page with only a title and a sentence, for when the rule or document has gone. */
export function renderNoticeHtml(input: Pick<GuideRenderInput,
  'cspSource' | 'nonce' | 'scriptUri' | 'styleUri' | 'state'>, title: string,
  message: string): string {
  return pageHtml(input, title, [
    '<header class="rule-header">',
    `<h1>${shown(title)}</h1>`,
    `<p class="description">${shown(message)}</p>`,
    '</header>',
  ]);
}

function renderHeader(rule: Rule): string {
  const severity = rule.severity;
  const support = rule.support.supported
    ? '<span class="badge support-ok" title="CloudTrail Lens evaluates this rule">Evaluated</span>'
    : `<span class="badge support-no" title="${shown(rule.support.reason ?? '')}">`
      + 'Not evaluated</span>';
  const language = rule.language ? ` · ${rule.language}` : '';
  const warnings = rule.support.warnings.map((warning) =>
    `<li>${shown(warning)}</li>`).join('');

  return [
    '<header class="rule-header">',
    `<h1>${shown(rule.name)}</h1>`,
    '<div class="badges">',
    `<span class="badge severity severity-${escapeHtml(severity)}">`
      + `${shown(capitalise(severity))} severity</span>`,
    `<span class="badge">Risk score ${escapeHtml(String(rule.riskScore))}</span>`,
    `<span class="badge" title="Rule type">${shown(rule.type + language)}</span>`,
    support,
    '</div>',
    renderParagraphs(rule.description, 'description'),
    rule.support.supported ? ''
      : `<p class="notice">${shown(rule.support.reason ?? 'This rule is not evaluated.')}</p>`,
    warnings === '' ? '' : `<ul class="notice warnings">${warnings}</ul>`,
    '</header>',
  ].join('\n');
}

/** Position among the rule's findings, previous/next, and a way back to the event. */
function renderFindingBar(input: GuideRenderInput, finding: Finding): string {
  const position = input.findingPosition;
  const atFirst = !position || position.index <= 0;
  const atLast = !position || position.index >= position.total - 1;
  const where = [
    position ? `<strong>Finding ${position.index + 1} of ${position.total}</strong>`
      : '<strong>Finding</strong>',
    `<span>event ${finding.eventIndex + 1}</span>`,
    finding.eventId === undefined ? ''
      : `<span>eventID <code>${shown(finding.eventId)}</code></span>`,
    input.documentLabel === undefined ? ''
      : `<span>in ${shown(input.documentLabel)}</span>`,
  ].filter((part) => part !== '').join('<span class="separator" aria-hidden="true">·</span>');

  const suppressed = finding.suppressedBy === undefined ? ''
    : `<span class="tag" title="${shown(finding.suppressedBy.comment)}">suppressed by `
      + `exception ${shown(finding.suppressedBy.id)}</span>`;

  return [
    '<nav class="finding-bar" aria-label="Finding">',
    `<div class="finding-summary">${where}${suppressed}</div>`,
    '<div class="finding-actions">',
    button('Previous', 'secondary', atFirst,
      'data-action="navigate" data-direction="previous"'),
    button('Next', 'secondary', atLast, 'data-action="navigate" data-direction="next"'),
    button('Reveal event in editor', 'primary', false, 'data-action="reveal" data-kind="event"'),
    '</div>',
    '</nav>',
  ].join('\n');
}

/** The rule's investigation fields (and any others the finding carries) with their values. */
function renderFieldsSection(rule: Rule, finding: Finding): string {
  const names = [...new Set([...rule.investigationFields, ...Object.keys(finding.fields)])];

  const rows = names.map((name) => {
    const present = Object.prototype.hasOwnProperty.call(finding.fields, name);
    const source = Object.prototype.hasOwnProperty.call(finding.fieldSources, name)
      ? finding.fieldSources[name]
      : undefined;
    const value = present
      ? `<code class="value">${escapeHtml(shorten(displayValue(finding.fields[name])))}</code>`
      : '<span class="muted">not in this event</span>';
    const rawPath = source?.rawPath === undefined ? '<span class="muted">—</span>'
      : `<code>${shown(source.rawPath)}</code>`;
    const reveal = button('Reveal in editor', 'link', fieldSpan(finding, name) === undefined,
      `data-action="reveal" data-kind="field" data-field="${escapeHtml(name)}"`);

    return `<tr><td><code>${shown(name)}</code></td><td>${rawPath}</td>`
      + `<td>${value}</td><td class="action">${reveal}</td></tr>`;
  });

  return section('fields', 'Investigation fields', [
    '<div class="table-wrap"><table class="fields">',
    '<thead><tr><th scope="col">ECS field</th><th scope="col">CloudTrail path</th>'
      + '<th scope="col">Value</th><th scope="col"><span class="visually-hidden">Action</span>'
      + '</th></tr></thead>',
    `<tbody>${rows.join('\n')}</tbody>`,
    '</table></div>',
  ].join('\n'));
}

/** Each leaf clause of the query, whether it held for this event, and the value it saw. */
function renderExplanationSection(clauses: ClauseExplanation[]): string {
  if (clauses.length === 0) return '';

  const rows = clauses.map((clause, index) => {
    const holds = clause.matched !== clause.negated;
    const status = holds
      ? '<span class="status status-holds"><span aria-hidden="true">✓</span> holds</span>'
      : '<span class="status status-fails"><span aria-hidden="true">✗</span> fails</span>';
    const negated = clause.negated
      ? ' <span class="tag" title="The clause sits under a not">negated</span>'
      : '';
    const value = clause.value === undefined ? '<span class="muted">no value</span>'
      : `<code class="value">${escapeHtml(shorten(clause.value))}</code>`;
    const rawPath = clause.rawPath === undefined ? ''
      : `<div class="muted small">from <code>${shown(clause.rawPath)}</code></div>`;
    const note = clause.note === undefined ? ''
      : `<div class="note small">${shown(clause.note)}</div>`;
    const reveal = button('Reveal in editor', 'link', clause.span === undefined,
      `data-action="reveal" data-kind="clause" data-index="${index}"`);

    return `<tr><td>${status}</td><td><code>${shown(clause.clause)}</code>${negated}`
      + `${note}</td><td>${value}${rawPath}</td><td class="action">${reveal}</td></tr>`;
  });

  return section('match', 'Why it matched', [
    '<div class="table-wrap"><table class="clauses">',
    '<thead><tr><th scope="col">Result</th><th scope="col">Clause</th>'
      + '<th scope="col">Value in the event</th><th scope="col">'
      + '<span class="visually-hidden">Action</span></th></tr></thead>',
    `<tbody>${rows.join('\n')}</tbody>`,
    '</table></div>',
  ].join('\n'));
}

function renderMarkdownSection(id: string, title: string, source: string | undefined,
  fields: ReadonlyMap<string, FieldMention>): string {
  if (source === undefined || source.trim() === '') return '';
  return section(id, title, `<div class="markdown">${renderGuideMarkdown(source, fields)}</div>`);
}

function renderListSection(id: string, title: string, items: string[]): string {
  if (items.length === 0) return '';
  const list = items.map((item) => `<li>${shown(item)}</li>`).join('\n');
  return section(id, title, `<ul>${list}</ul>`);
}

/** Each ATT&CK entry as tactic → techniques → sub-techniques, as the rule maps them. */
function renderThreatSection(threats: Threat[]): string {
  if (threats.length === 0) return '';

  const entries = threats.map((threat) => {
    const techniques = threat.techniques.map((technique) => {
      const subtechniques = technique.subtechniques.map((sub) =>
        `<li>${attackEntry('Sub-technique', sub)}</li>`).join('');
      const nested = subtechniques === '' ? '' : `<ul>${subtechniques}</ul>`;
      return `<li>${attackEntry('Technique', technique)}${nested}</li>`;
    }).join('');

    return [
      '<div class="threat">',
      `<div class="threat-framework">${shown(threat.framework)}</div>`,
      '<ul class="attack-tree">',
      `<li>${attackEntry('Tactic', threat.tactic)}`,
      techniques === '' ? '' : `<ul>${techniques}</ul>`,
      '</li></ul>',
      '</div>',
    ].join('');
  });
  return section('attack', 'MITRE ATT&amp;CK', entries.join('\n'));
}

function attackEntry(kind: string, entry: { id: string; name: string; reference: string }): string {
  const id = externalLink(entry.reference, shown(entry.id));
  return `<span class="attack-kind">${kind}</span> <span class="attack-id">${id}</span> `
    + `<span class="attack-name">${shown(entry.name)}</span>`;
}

function renderReferencesSection(references: string[]): string {
  if (references.length === 0) return '';
  const list = references.map((reference) =>
    `<li>${externalLink(reference, shown(reference))}</li>`).join('\n');
  return section('references', 'References', `<ul class="references">${list}</ul>`);
}

/** The rule's metadata: where it looks, how Kibana schedules it, and the query itself. */
function renderDetailsSection(rule: Rule): string {
  const rows: [string, string][] = [
    ['Rule ID', `<code>${shown(rule.id)}</code>`],
    ['Rule type', shown(rule.type)],
    ['Query language', rule.language === undefined ? '—' : shown(rule.language)],
    ['Indices', rule.index.length === 0 ? '—'
      : rule.index.map((index) => `<code>${shown(index)}</code>`).join(' ')],
    ['Runs every', shown(rule.interval)],
    ['Searches from', `<code>${shown(rule.from)}</code>`],
    ['Max alerts per run', escapeHtml(String(rule.maxSignals))],
  ];

  if (rule.timestampOverride !== undefined) {
    rows.push(['Timestamp override', `<code>${shown(rule.timestampOverride)}</code>`]);
  }
  if (rule.creationDate !== undefined) rows.push(['Created', shown(rule.creationDate)]);
  if (rule.updatedDate !== undefined) rows.push(['Updated', shown(rule.updatedDate)]);
  if (rule.tags.length > 0) {
    rows.push(['Tags', `<span class="tags">${rule.tags.map((tag) =>
      `<span class="badge tag-badge">${shown(tag)}</span>`).join(' ')}</span>`]);
  }

  const grid = rows.map(([label, value]) => `<dt>${label}</dt><dd>${value}</dd>`).join('\n');
  const query = rule.query === undefined ? ''
    : `<h3>Query</h3><pre class="query"><code>${shown(rule.query.trim())}</code></pre>`;
  return section('details', 'Rule details', `<dl class="details">${grid}</dl>${query}`);
}

/**
 * The raw event, re-indented, folded away until asked for. Keys, values and their order are the
 * log's; only its hidden characters (a bidi control, a zero-width space, an unescaped C1
 * control) are shown as `\u{hex}` escapes, which are not JSON escapes: the view is faithful
 * to read, and "Reveal event in editor" shows the characters themselves.
 */
function renderEventSection(eventText: string): string {
  const truncated = eventText.length > EVENT_TEXT_LIMIT;
  const text = prettyJson(truncated ? cutText(eventText, EVENT_TEXT_LIMIT, '') : eventText);
  const note = truncated
    ? `<p class="muted">Showing the first ${EVENT_TEXT_LIMIT.toLocaleString('en')} characters `
      + `of ${eventText.length.toLocaleString('en')}.</p>`
    : '';

  return section('event', 'Raw event', [
    '<details class="raw-event">',
    '<summary>Show the event as recorded</summary>',
    note,
    `<pre><code>${shown(text)}</code></pre>`,
    '</details>',
  ].join('\n'));
}

function renderFooter(rule: Rule): string {
  const parts = [
    rule.author.length === 0 ? '' : `Authors: ${shown(rule.author.join(', '))}`,
    rule.license === undefined ? '' : `License: ${shown(rule.license)}`,
    rule.version === undefined ? 'Version: unknown' : `Version ${escapeHtml(String(rule.version))}`,
    `Source: ${shown(rule.source)}`,
  ].filter((part) => part !== '');
  return `<footer>${parts.map((part) => `<span>${part}</span>`).join('\n')}</footer>`;
}

/** What the guide text may link: every field of the finding, with its value and span. */
function fieldMentions(rule: Rule, finding: Finding): Map<string, FieldMention> {
  const revealable = revealableFields(finding);
  const mentions = new Map<string, FieldMention>();
  const names = [...rule.investigationFields, ...Object.keys(finding.fields), ...revealable];

  for (const name of names) {
    const value = Object.prototype.hasOwnProperty.call(finding.fields, name)
      ? displayValue(finding.fields[name])
      : finding.explanation.find((clause) => clause.field === name)?.value;
    mentions.set(name, { value, revealable: revealable.has(name) });
  }
  return mentions;
}

/** A link through the extension for an http(s) URL; anything else is shown, not linked. */
function externalLink(url: string, contentHtml: string): string {
  const normalised = normalizeExternalUrl(url, true);
  if (normalised === undefined) {
    return `<span class="inert-link" title="${shown(`Not a web link: ${url}`)}">`
      + `${contentHtml}</span>`;
  }
  return `${linkElement(normalised)}${contentHtml}</a>`;
}

function section(id: string, title: string, content: string): string {
  return `<section id="${id}" aria-labelledby="${id}-title">\n`
    + `<h2 id="${id}-title">${title}</h2>\n${content}\n</section>`;
}

/** A button whose click the page script turns into a message; `attributes` are trusted. */
function button(label: string, kind: string, disabled: boolean, attributes: string): string {
  return `<button type="button" class="button ${kind}" ${attributes}`
    + `${disabled ? ' disabled' : ''}>${escapeHtml(label)}</button>`;
}

/** Plain text paragraphs (the rule description is not Markdown). */
function renderParagraphs(text: string, className: string): string {
  return text.trim().split(/\n\s*\n/).map((paragraph) =>
    `<p class="${className}">${shown(paragraph.trim())}</p>`).join('\n');
}

/** A field value as text: strings as they are, anything else as JSON. */
function displayValue(value: JsonPlain): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A long value cut on a grapheme boundary, with its hidden characters made visible. */
function shorten(text: string): string {
  return visibleText(cutText(text, VALUE_LIMIT));
}

/**
 * Rule or log text as the page shows it: HTML-escaped, hidden characters as visible escapes.
 * Line feeds and tabs stay, for the <pre> blocks and the paragraphs of a description.
 */
function shown(text: string): string {
  return escapeHtml(visibleLines(text));
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
