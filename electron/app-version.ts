declare const APP_VERSION: string | undefined;

/** The version the build was made from (package.json's, set by electron-vite); `dev` when run from source. */
export const appVersion: string = typeof APP_VERSION === 'string' ? APP_VERSION : 'dev';
