/**
 * The Teams app package as data: `${{NAME}}` placeholders in appPackage/manifest.json, and the rules Teams applies
 * to the PNG icons. Build-time only (scripts/package-app.ts, scripts/make-icons.ts, tests): the bot never imports it.
 */
import { isGuid } from '../src/domain/ids';
import { decodePng, PngError, pixelsWhere, readPngSize, type RgbaImage } from './png';

/** Why the package cannot be built; the message alone tells the user what to fix. */
export class AppPackageError extends Error {
  override readonly name = 'AppPackageError';
}

// ---------------------------------------------------------------------------------------------------------------
// Placeholders

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

const PLACEHOLDER = /\$\{\{([A-Za-z0-9_]+)\}\}/g;

/**
 * Where each placeholder's value comes from. `BOT_ID` (the Teams Toolkit name) is filled from `MicrosoftAppId`, the
 * Bot Framework variable the running bot reads, so the package and the bot cannot disagree about the id.
 */
const PLACEHOLDER_SOURCES: Record<string, { envVar: string; describe: string; valid: (value: string) => boolean }> = {
  BOT_ID: { envVar: 'MicrosoftAppId', describe: "the bot's Microsoft App ID, a GUID", valid: isGuid },
  // The tab (staticTabs) is served by the bot's own process; its single sign-on names the Entra app it signs in to.
  BOT_DOMAIN: {
    envVar: 'BOT_DOMAIN', describe: "the bot's public host name, e.g. esd-bot.contoso.com (no scheme, no path)",
    valid: (value) => /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/i.test(value),
  },
  AAD_APP_CLIENT_ID: {
    envVar: 'AAD_APP_CLIENT_ID', describe: 'the client id of the Entra app the tab signs in to (single sign-on), a GUID',
    valid: isGuid,
  },
};

/** Reads every placeholder's value from the environment; throws one clear `AppPackageError` for the first bad one. */
export function placeholderValues(env: NodeJS.ProcessEnv): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, source] of Object.entries(PLACEHOLDER_SOURCES)) {
    const value = env[source.envVar]?.trim() ?? '';
    if (value === '') {
      throw new AppPackageError(
        `${source.envVar} is not set: set it to ${source.describe}, to build the Teams app package.`,
      );
    }
    if (!source.valid(value)) {
      throw new AppPackageError(`${source.envVar} must be ${source.describe}; got ${JSON.stringify(value.slice(0, 60))}.`);
    }
    values[name] = value;
  }
  return values;
}

/** Replaces `${{NAME}}` in every string of a parsed JSON value (never in the raw text: a value cannot break JSON). */
export function fillPlaceholders(value: JsonValue, values: Record<string, string>): JsonValue {
  if (typeof value === 'string') return value.replace(PLACEHOLDER, (_match, name: string) => valueOf(name, values));
  if (Array.isArray(value)) return value.map((item) => fillPlaceholders(item, values));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fillPlaceholders(item, values)]));
  }
  return value;
}

function valueOf(name: string, values: Record<string, string>): string {
  const value = values[name];
  if (value === undefined) throw new AppPackageError(`appPackage/manifest.json uses \${{${name}}}, which has no value.`);
  return value;
}

// ---------------------------------------------------------------------------------------------------------------
// Teams' icon rules (msteams-docs `concepts/build-and-test/apps-package.md`)

export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;

/**
 * What Teams would refuse about an icon: wrong size; for the outline icon, any pixel that is not white (#FFFFFF at
 * any alpha) and a background that is not transparent (its corners are the background).
 */
export function iconProblems(kind: 'color' | 'outline', png: Buffer): string[] {
  const expected = kind === 'color' ? COLOR_ICON_SIZE : OUTLINE_ICON_SIZE;
  try {
    const { width, height } = readPngSize(png);
    if (width !== expected || height !== expected) {
      return [`${kind} icon must be ${expected}x${expected} pixels; it is ${width}x${height}`];
    }
    return kind === 'outline' ? outlineProblems(decodePng(png)) : [];
  } catch (error) {
    if (error instanceof PngError) throw new AppPackageError(error.message);
    throw error;
  }
}

function outlineProblems(image: RgbaImage): string[] {
  const problems: string[] = [];
  const visible = pixelsWhere(image, (r, g, b, a) => a > 0 && (r !== 255 || g !== 255 || b !== 255));
  if (visible > 0) problems.push(`outline icon must be white only; ${visible} visible pixels have another color`);
  const last = image.width - 1;
  const corners = [0, last, last * image.width, image.width * image.height - 1];
  if (corners.some((index) => (image.data[index * 4 + 3] ?? 0) !== 0)) {
    problems.push('outline icon must have a transparent background; a corner pixel is not transparent');
  }
  return problems;
}
