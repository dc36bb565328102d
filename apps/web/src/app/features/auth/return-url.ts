/** Only same-site paths: never an absolute URL given in a query parameter. */
export function safeReturnUrl(value: string | undefined | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/login') ? value : '/';
}
