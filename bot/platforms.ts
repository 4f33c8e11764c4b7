import type { App } from './app.ts';

/** Start whichever chat platforms the configuration names. */
export async function startPlatforms(app: App): Promise<void> {
  void app;
}
