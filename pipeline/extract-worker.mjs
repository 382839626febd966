// Worker-process entry: registers the TypeScript loader in this process, then serves documents.
import { register } from 'tsx/esm/api';

register();
await import('./extract-worker.ts');
