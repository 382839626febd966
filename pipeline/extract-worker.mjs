// Worker-thread entry: registers the TypeScript loader in this thread, then serves documents.
import { register } from 'tsx/esm/api';

register();
await import('./extract-worker.ts');
