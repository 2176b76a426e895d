import type {
  AccessKey,
  AppSettings,
  ProjectSettings,
  Region,
  SinchConversationSettings,
} from './settings.js';
import { REGIONS } from './settings.js';

/** True when `value` names a Conversation API region. */
export const isRegion = (value: string): value is Region =>
  (REGIONS as readonly string[]).includes(value);

/** The project with id `projectId`, if configured. */
export function findProject(
  settings: SinchConversationSettings,
  projectId: string,
): ProjectSettings | undefined {
  return settings.projects.find((p) => p.projectId === projectId);
}

/** The access key with id `keyId` and the project it belongs to. */
export function findAccessKey(
  settings: SinchConversationSettings,
  keyId: string,
): { project: ProjectSettings; key: AccessKey } | undefined {
  for (const project of settings.projects) {
    const key = project.accessKeys.find((k) => k.keyId === keyId);
    if (key) return { project, key };
  }
  return undefined;
}

/**
 * The app `appId` of project `projectId` as seen from `region`: an app exists only in its own
 * region (another region's host does not know it).
 * @see https://developers.sinch.com/docs/conversation/api-reference/
 */
export function findApp(
  settings: SinchConversationSettings,
  projectId: string,
  appId: string,
  region: string,
): AppSettings | undefined {
  return findProject(settings, projectId)?.apps.find(
    (a) => a.appId === appId && a.region === region,
  );
}

/** Where app `appId` lives, if it exists in any region of the project (for helpful errors). */
export function regionOfApp(
  settings: SinchConversationSettings,
  projectId: string,
  appId: string,
): Region | undefined {
  return findProject(settings, projectId)?.apps.find((a) => a.appId === appId)?.region;
}

/** Every app with the project it belongs to. */
export function allApps(
  settings: SinchConversationSettings,
): { project: ProjectSettings; app: AppSettings }[] {
  return settings.projects.flatMap((project) => project.apps.map((app) => ({ project, app })));
}
