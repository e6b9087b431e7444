// The one HTML escape of the guide panel. Everything that comes from a rule file or a log goes
// through it before it reaches the page, in text and in attribute values alike.

const ENTITIES: { [ch: string]: string } = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for use in HTML content or in a quoted attribute value. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => ENTITIES[ch]);
}
