// A minimal XML element builder and serialiser for writing stanzas in a given client's shape.
// Attributes are written in insertion order (null/undefined values are left out); namespaces are plain
// `xmlns` attributes placed where the modelled client declares them. Output is compact, like the wire.

export function el(name, attrs = {}, ...children) {
  return { name, attrs, children: children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false) };
}

function escapeAttr(value) {
  return String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function escapeText(value) {
  return String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function serialise(node) {
  if (typeof node === 'string') {
    return escapeText(node);
  }
  let out = '<' + node.name;
  for (const [key, value] of Object.entries(node.attrs)) {
    if (value !== null && value !== undefined) {
      out += ' ' + key + '="' + escapeAttr(value) + '"';
    }
  }
  if (node.children.length === 0) {
    return out + '/>';
  }
  return out + '>' + node.children.map(serialise).join('') + '</' + node.name + '>';
}
