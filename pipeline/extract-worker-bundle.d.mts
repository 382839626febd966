/** The compiled file of an entry point (`cli`: the batch's, `extract-worker`: a worker process's), or null when the code runs through the TypeScript loader. */
export function compiledEntry(entry: 'cli' | 'extract-worker'): Promise<URL | null>;
