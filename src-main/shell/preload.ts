import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './preload-bridge.ts';

// Bundled to dist/preload/preload.cjs: a sandboxed preload may require nothing but `electron`.
contextBridge.exposeInMainWorld('solvewatch', createBridge(ipcRenderer));
