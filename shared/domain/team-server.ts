import { z } from 'zod';
import { labelerRoleSchema, passwordSchema } from './labeler';

/**
 * A team server's project as its address names it: lowercase letters, digits and `_`,
 * starting with a letter (it also names the project's database).
 *
 * @example
 *   projectSlugSchema.parse('street_2026') // 'street_2026'
 */
export const projectSlugSchema = z.string().regex(/^[a-z][a-z0-9_]{0,29}$/, 'must be lowercase letters, digits or _, starting with a letter (at most 30)');

/** Where a project of a team server is served: `/p/<slug>/` holds its UI, API and media. */
export const PROJECT_PATH = /^\/p\/([a-z][a-z0-9_]{0,29})(\/.*)$/;

/**
 * The address of a project of a team server, relative to the server's origin.
 *
 * @example
 *   projectPath('street') // '/p/street/'
 */
export function projectPath(slug: string): string {
  return `/p/${slug}/`;
}

/** `POST /api/server/projects`: a name and password, answered with that account's projects. */
export const SERVER_PROJECTS_PATH = '/api/server/projects';

export const serverSignInSchema = z.object({ name: z.string().min(1).max(120), password: passwordSchema });
export type ServerSignIn = z.infer<typeof serverSignInSchema>;

/** One project of a team server that the signed-in account belongs to, with its role there. */
export const serverProjectSchema = z.object({ slug: projectSlugSchema, name: z.string(), role: labelerRoleSchema });
export type ServerProject = z.infer<typeof serverProjectSchema>;
