export declare const OPENCLAW_VERSION: string;
export declare const openclawPrefix: string;
export declare const openclawBin: string;
export declare function ensureOpenclaw(opts?: { quiet?: boolean }): Promise<string>;
