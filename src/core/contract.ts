/**
 * The HTTP contract's version. A release's script is pasted into member sites pinned to its
 * version and cached for a year, so the endpoint answers every script it still serves (README:
 * Versions and pinning). A change a script already out there would not understand (a field removed
 * or given another meaning, a new required one) is a new contract: CONTRACT goes up, the endpoint
 * keeps answering the older ones in CONTRACTS_ANSWERED for as long as their releases are served,
 * and test/e2e/versions.test.ts runs each kept release's built script against the endpoint.
 * Additions an older script ignores (a new optional field) are not a new contract.
 */
export const CONTRACT = 1;

/** The contracts the endpoint answers. A script that sends no header is 0.1.0's, which spoke 1. */
export const CONTRACTS_ANSWERED: readonly number[] = [1];

/**
 * Sent on `POST /api/donations`, which is CORS-preflighted already (a JSON body), so the header
 * costs no round trip; the GETs stay simple requests, and their answers only ever grow.
 */
export const CONTRACT_HEADER = 'Mira-Donate-Contract';
