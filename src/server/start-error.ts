/**
 * What stops the endpoint starting once its configuration is valid: the database cannot be reached
 * or opened, or the address cannot be listened on. Each is said in one line naming the setting to
 * look at, as a ConfigError is; the cause stays attached for whoever debugs.
 */
export class StartError extends Error {
  override name = 'StartError';
}

type SystemError = Error & { code?: string; errors?: SystemError[] };

/** The database URL as it may be printed: any password replaced. */
export function printableDatabaseUrl(url: string): string {
  if (!url.startsWith('postgres')) return url;
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '****';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}

export function databaseProblem(error: unknown, url: string): string {
  const e = error as SystemError;
  // A host name with several addresses fails with one error per address, gathered in an AggregateError.
  const code = e.code ?? e.errors?.[0]?.code;
  const where = `the ledger database (DATABASE_URL ${printableDatabaseUrl(url)})`;
  switch (code) {
    case 'ECONNREFUSED':
      return `Cannot reach ${where}: nothing accepts connections there. Is PostgreSQL running, and is DATABASE_URL right?`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Cannot reach ${where}: its host name does not resolve`;
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `Cannot reach ${where}: no answer from its host`;
    default: {
      const message = (e.message ?? String(error)).split('\n')[0];
      return `Cannot open ${where}: ${message}`;
    }
  }
}

export function listenProblem(error: SystemError, port: number, host: string): string {
  switch (error.code) {
    case 'EADDRINUSE':
      return `Port ${port} on ${host} is already in use: stop what is using it, or set PORT to another port`;
    case 'EACCES':
      return `Not allowed to listen on port ${port} on ${host} (ports below 1024 need privileges): set PORT to another port`;
    case 'EADDRNOTAVAIL':
      return `HOST ${host} is not an address of this machine: set HOST to one of its addresses, or 0.0.0.0`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `HOST ${host} is not a known host name: set HOST to an address of this machine`;
    default:
      return `Cannot listen on ${host}:${port}: ${error.message.split('\n')[0]}`;
  }
}
