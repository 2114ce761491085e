export const O200K_RANKS_FILE: string;
export function o200kRanksBrotli(root?: string): Buffer;
export function compressRanks(ranks: readonly (string | number[])[]): Buffer;
