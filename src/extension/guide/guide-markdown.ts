// Renders a rule's Markdown (the investigation guide, the setup notes) for the panel. Rule
// files are third-party content: raw HTML is escaped, only http(s) links stay links, which
// the page hands to the extension to check and open, and every text the page shows has its
// control, bidi and invisible characters written as visible escapes (visibleText), so that
// neither a guide nor a log value quoted in a hint can reorder or hide words of the page.
import MarkdownIt, {
  type Env, type MarkdownIt as MarkdownItInstance, type RendererRule, type StateCore, type Token,
} from 'markdown-it';
import { cutText, visibleLines, visibleText } from '../../core/display-text';
import { escapeHtml } from './escape-html';
import { normalizeExternalUrl } from './messages';

/** What the guide may say about an ECS field it mentions. */
export interface FieldMention {
  /** The field's value in the finding's event, shown on hover. */
  value?: string;
  /** Whether the finding knows where the value sits, so that a click can reveal it. */
  revealable: boolean;
}

interface GuideEnv {
  fields: ReadonlyMap<string, FieldMention>;
  /** Pattern finding the revealable fields in plain text (undefined when there is none). */
  mentionPattern?: RegExp;
  /** Whether each open link was kept ('a') or made inert ('span'), to close it alike. */
  linkStack: string[];
}

/** A renderer rule of ours: the token stream, the token, and our render state. */
type GuideRule = (tokens: Token[], idx: number, env: GuideEnv) => string;

const TITLE_VALUE_LIMIT = 200;

// Kibana's guide placeholders, e.g. !{investigate{...}}; no AWS rule uses them, but if one
// does, it must show as inert code rather than as half-parsed Markdown.
const KIBANA_PLACEHOLDER = /^!\{[A-Za-z]+\{[\s\S]*\}\}$/;

const markdown = createRenderer();

/** Token types whose content the page shows as text. */
const SHOWN_TOKENS = new Set(['text', 'code_inline', 'code_block', 'fence']);

/** Renders guide Markdown to HTML, linking the ECS field names it mentions. */
export function renderGuideMarkdown(source: string,
  fields: ReadonlyMap<string, FieldMention> = new Map()): string {
  const env: GuideEnv = { fields, mentionPattern: mentionPatternOf(fields), linkStack: [] };
  return markdown.render(source, env as unknown as Env);
}

/** The opening tag of an external link, which the page script hands to the extension. */
export function linkElement(url: string): string {
  return `<a class="external-link" role="link" tabindex="0" data-action="open-link" `
    + `data-href="${escapeHtml(url)}" title="${escapeHtml(url)}">`;
}

/** The one configured markdown-it instance. */
function createRenderer(): MarkdownItInstance {
  // breaks:false keeps soft line breaks soft (Kibana once made them hard: elastic/kibana#129482).
  const md = new MarkdownIt('default', {
    html: false,
    breaks: false,
    typographer: false,
    linkify: false,
  });

  md.core.ruler.push('cloudtrail_lens_placeholders', markPlaceholders);
  md.core.ruler.push('cloudtrail_lens_headings', shiftHeadings);
  md.core.ruler.push('cloudtrail_lens_table_alignment', alignTableCellsByClass);
  md.core.ruler.push('cloudtrail_lens_visible_text', makeTextVisible);

  const use = (rule: GuideRule): RendererRule =>
    (tokens, idx, _options, env) => rule(tokens, idx, env as unknown as GuideEnv);
  md.renderer.rules.link_open = use(renderLinkOpen);
  md.renderer.rules.link_close = use(renderLinkClose);
  md.renderer.rules.image = use(renderImage);
  md.renderer.rules.code_inline = use(renderCodeInline);
  md.renderer.rules.text = use(renderText);
  return md;
}

/** Turns a paragraph that is only a Kibana placeholder into inline code. */
function markPlaceholders(state: StateCore): void {
  for (const token of state.tokens) {
    const content = token.content.trim();
    if (token.type !== 'inline' || !KIBANA_PLACEHOLDER.test(content)) continue;

    const code = new state.Token('code_inline', 'code', 0);
    code.content = content;
    code.markup = '`';
    code.attrSet('class', 'kibana-placeholder');
    token.children = [code];
  }
}

/** Moves guide headings one level down: the panel's own section titles are h2. */
function shiftHeadings(state: StateCore): void {
  for (const token of state.tokens) {
    if (token.type !== 'heading_open' && token.type !== 'heading_close') continue;

    const level = Number(token.tag.slice(1));
    token.tag = `h${Math.min(level + 1, 6)}`;
  }
}

/** Column alignment as a class: the page's CSP refuses style attributes. */
function alignTableCellsByClass(state: StateCore): void {
  for (const token of state.tokens) {
    if (token.type !== 'th_open' && token.type !== 'td_open') continue;

    const style = token.attrGet('style');
    if (style === null) continue;

    const align = /text-align:(left|center|right)/.exec(String(style));
    token.attrs = (token.attrs ?? []).filter(([name]) => name !== 'style');
    if (align) token.attrSet('class', `align-${align[1]}`);
  }
}

/**
 * Writes the hidden characters of every shown text as escapes, before rendering. Field names
 * are looked up in this shown text, so a name holding a hidden character is not linked.
 */
function makeTextVisible(state: StateCore): void {
  const pending = [...state.tokens];
  for (let token = pending.pop(); token !== undefined; token = pending.pop()) {
    if (SHOWN_TOKENS.has(token.type)) token.content = visibleLines(token.content);
    if (token.children !== null) pending.push(...token.children);
  }
}

/**
 * An http(s) link becomes a keyboard-reachable element that the page script opens through the
 * extension. It has no href, so neither the page nor the webview host navigates on its own;
 * any other link keeps its text and loses its behaviour.
 */
function renderLinkOpen(tokens: Token[], idx: number, env: GuideEnv): string {
  const href = String(tokens[idx].attrGet('href') ?? '');
  const url = normalizeExternalUrl(href, true);

  if (url === undefined) {
    env.linkStack.push('span');
    const title = `Not a web link: ${visibleText(href)}`;
    return `<span class="inert-link" title="${escapeHtml(title)}">`;
  }

  env.linkStack.push('a');
  return linkElement(url);
}

function renderLinkClose(_tokens: Token[], _idx: number, env: GuideEnv): string {
  return env.linkStack.pop() === 'a' ? '</a>' : '</span>';
}

/** Images are not loaded (a guide fetches nothing remote); they become a link to the image. */
function renderImage(tokens: Token[], idx: number): string {
  const token = tokens[idx];
  const alt = (token.children ?? []).map((child) => child.content).join('');
  const label = `Image: ${alt === '' ? 'untitled' : alt}`;
  const url = normalizeExternalUrl(String(token.attrGet('src') ?? ''), true);

  if (url === undefined) return `<span class="inert-link">${escapeHtml(label)}</span>`;
  return `${linkElement(url)}${escapeHtml(label)}</a>`;
}

/** Inline code naming a field of the finding links to the field's value in the event. */
function renderCodeInline(tokens: Token[], idx: number, env: GuideEnv): string {
  const token = tokens[idx];
  const className = token.attrGet('class');
  const classAttr = className === null ? '' : ` class="${escapeHtml(String(className))}"`;
  const code = `<code${classAttr}>${escapeHtml(token.content)}</code>`;

  const mention = env.fields.get(token.content);
  return mention ? fieldReference(token.content, mention, code) : code;
}

/** Plain text, with the revealable field names it mentions turned into links. */
function renderText(tokens: Token[], idx: number, env: GuideEnv): string {
  const text = tokens[idx].content;
  const pattern = env.mentionPattern;
  if (pattern === undefined) return escapeHtml(text);

  let html = '';
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const field = match[0];
    const mention = env.fields.get(field);
    if (!mention) continue;

    html += escapeHtml(text.slice(last, match.index));
    html += fieldReference(field, mention, escapeHtml(field));
    last = match.index + field.length;
  }
  return html + escapeHtml(text.slice(last));
}

/** Wraps already-escaped content naming a field: a reveal link, or a hint with the value. */
function fieldReference(field: string, mention: FieldMention, content: string): string {
  const value = mention.value === undefined ? undefined : shorten(mention.value);

  if (!mention.revealable) {
    const title = value === undefined ? '' : ` title="${escapeHtml(`Value: ${value}`)}"`;
    return `<span class="field-ref"${title}>${content}</span>`;
  }

  const title = value === undefined
    ? `Reveal ${field} in the editor`
    : `Reveal in the editor: ${value}`;
  return `<a class="field-link" role="link" tabindex="0" data-action="reveal" data-kind="field" `
    + `data-field="${escapeHtml(field)}" title="${escapeHtml(title)}">${content}</a>`;
}

/** A log value as a hint shows it: cut on a grapheme boundary, hidden characters visible. */
function shorten(value: string): string {
  return visibleText(cutText(value, TITLE_VALUE_LIMIT));
}

/**
 * Matches the revealable field names as whole words in prose: not inside a longer dotted
 * name, though a sentence may end right after one ("see source.ip.").
 */
function mentionPatternOf(fields: ReadonlyMap<string, FieldMention>): RegExp | undefined {
  const names = [...fields.entries()]
    .filter(([name, mention]) => mention.revealable && name.includes('.'))
    .map(([name]) => name)
    .sort((a, b) => b.length - a.length);
  if (names.length === 0) return undefined;

  const alternatives = names.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  return new RegExp(`(?<![\\w.@-])(?:${alternatives})(?![\\w@-]|\\.[\\w@])`, 'g');
}
