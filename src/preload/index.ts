// Preload: the only place allowed to touch Electron's renderer APIs. It exposes one frozen object;
// the typed API generated from src/shared/contract.ts arrives with the app issue.
import { contextBridge } from 'electron';

contextBridge.exposeInMainWorld('warmclaw', Object.freeze({ version: '0.1.0' }));
