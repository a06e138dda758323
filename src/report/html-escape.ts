/**
 * Text into HTML: every piece of text the report shows (key names, the service's messages, reasons) goes
 * through here, for element content and attribute values alike, so none can open markup or a script.
 */
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  // Control characters have no business in a report; a stray one is shown as a replacement character.
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '\ufffd');
}
