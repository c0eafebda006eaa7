/** Types of `build-stamp.js`, for the tests and the bench that check which code `atlas` runs. */
export declare const SOURCE_DIRS: readonly string[];
export declare function writeBuildStamp(root: string, startedAt: number): void;
export declare function isBuildFresh(root: string): boolean;
