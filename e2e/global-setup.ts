import { execFileSync } from 'node:child_process';

/** Builds main, preload and renderer once (electron-vite needs no Electron binary to build). */
export default function globalSetup(): void {
  execFileSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
}
