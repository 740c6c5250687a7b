/** `endpoint` may carry a path prefix (`https://example.org/donate`), so paths are appended, not resolved. */
export function apiUrl(endpoint: string, path: `/api/${string}`): string {
  return endpoint.replace(/\/+$/, '') + path;
}
