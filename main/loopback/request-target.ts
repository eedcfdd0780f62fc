export type RequestTarget = { readonly ok: true; readonly path: string; readonly query: URLSearchParams } | { readonly ok: false; readonly reason: string };

/**
 * The path of an HTTP request target, percent-decoded, or why it is malformed: only origin-form
 * (`/path?query`) is accepted; absolute-form, `//`, bad percent-encoding, NUL, backslashes and a
 * `..` or `.` segment (before or after decoding) are refused before any route sees the path.
 */
export function parseRequestTarget(raw: string | undefined): RequestTarget {
  if (raw === undefined || !raw.startsWith('/') || raw.startsWith('//')) return { ok: false, reason: 'the request target must be a path starting with one /' };
  const queryAt = raw.indexOf('?');
  const rawPath = queryAt < 0 ? raw : raw.slice(0, queryAt);
  const rawQuery = queryAt < 0 ? '' : raw.slice(queryAt + 1);
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
    decodeURIComponent(rawQuery);
  } catch {
    return { ok: false, reason: 'the request target has malformed percent-encoding' };
  }
  if (/[\0\\]/.test(path)) return { ok: false, reason: 'the request path holds a NUL or a backslash' };
  if (path.split('/').some((segment) => segment === '..' || segment === '.')) return { ok: false, reason: 'the request path holds a . or .. segment' };
  return { ok: true, path, query: new URLSearchParams(rawQuery) };
}
