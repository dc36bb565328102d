import { bootstrapApplication } from '@angular/platform-browser';
import { App } from './app/app';
import { appConfig } from './app/app.config';

// Start once the browser has painted index.html's placeholder toolbar (the frame after this one):
// when the scripts are already at hand (cache, fast network) the start-up work would otherwise run
// first and keep the page blank until the app has rendered.
requestAnimationFrame(() => setTimeout(() => bootstrapApplication(App, appConfig).catch((error: unknown) => console.error(error))));
