// Markdown helpers for the generated SOURCES.md files.

// One bullet per item; `format` turns an item into the bullet's text.
export function bullets(items, format = (item) => item) {
  return items.map((item) => '- ' + format(item));
}
