/**
 * The texts of the files diagnostics point into, by path as the user gave it. The loader returns it so
 * that diagnostics can be formatted (line, column, snippet) long after loading.
 */
export type SourceFiles = ReadonlyMap<string, string>;
