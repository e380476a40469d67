/**
 * Builds the Teams app package: appPackage/manifest.json with its `${{…}}` placeholders filled from the environment,
 * validated offline against the manifest JSON schema shipped in @microsoft/app-manifest, and the two icons checked
 * against Teams' rules, zipped at the root of appPackage/build/appPackage.zip.
 * Run: `MicrosoftAppId=<bot app id> npm run package` (prints the zip's path; exit code 1 with one message on failure).
 */
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Ajv, { type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { ZipFile } from 'yazl';
import {
  AppPackageError, fillPlaceholders, iconProblems, placeholderValues, type JsonValue,
} from './app-manifest';

export const APP_PACKAGE_DIR = join(__dirname, '..', 'appPackage');
export const DEFAULT_OUT_FILE = join(APP_PACKAGE_DIR, 'build', 'appPackage.zip');
const MANIFEST_FILE = 'manifest.json';
const ICON_FILES = { color: 'color.png', outline: 'outline.png' } as const;
/** A fixed time in the zip entries, so the same inputs give the same bytes. */
const ZIP_MTIME = new Date(Date.UTC(2024, 0, 1));

export interface PackageOptions {
  env: NodeJS.ProcessEnv;
  /** The folder holding manifest.json and the icons; appPackage/ by default. */
  sourceDir?: string;
  outFile?: string;
}

/** Fills, validates and checks everything, then writes the zip; returns its path. */
export async function packageApp(options: PackageOptions): Promise<string> {
  const sourceDir = options.sourceDir ?? APP_PACKAGE_DIR;
  const outFile = options.outFile ?? DEFAULT_OUT_FILE;
  const manifest = buildManifest(sourceDir, options.env);
  const entries: Array<[string, Buffer]> = [[MANIFEST_FILE, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`)]];
  for (const kind of ['color', 'outline'] as const) entries.push([ICON_FILES[kind], readIcon(sourceDir, kind)]);
  entries.push(...languageFiles(sourceDir, manifest));
  await writeZip(entries, outFile);
  return outFile;
}

/** The manifest as it goes into the package: placeholders filled, schema-valid, pointing at our two icons. */
export function buildManifest(sourceDir: string, env: NodeJS.ProcessEnv): JsonValue {
  const template = JSON.parse(readFileSync(join(sourceDir, MANIFEST_FILE), 'utf8')) as JsonValue;
  const manifest = fillPlaceholders(template, placeholderValues(env));
  const problems = [...validateManifest(manifest), ...iconReferenceProblems(manifest)];
  if (problems.length > 0) {
    throw new AppPackageError(`${MANIFEST_FILE} is not a valid Teams app manifest:\n  ${problems.join('\n  ')}`);
  }
  return manifest;
}

// ---------------------------------------------------------------------------------------------------------------
// Schema validation, offline

const SCHEMA_FILES = { manifest: 'MicrosoftTeams.schema.json', localization: 'MicrosoftTeams.Localization.schema.json' };
type SchemaKind = keyof typeof SCHEMA_FILES;

/**
 * The bundled schema for a manifest version (or its localization files'), or undefined when @microsoft/app-manifest
 * does not ship one.
 */
export function teamsSchemaPath(manifestVersion: string, kind: SchemaKind = 'manifest'): string | undefined {
  if (!/^(\d+\.\d+|devPreview)$/.test(manifestVersion)) return undefined;
  const packageRoot = dirname(require.resolve('@microsoft/app-manifest/package.json'));
  const file = join(packageRoot, 'build', 'json-schemas', 'teams', `v${manifestVersion}`, SCHEMA_FILES[kind]);
  return existsSync(file) ? file : undefined;
}

/**
 * Schema problems of a localization file (issue 11: `localizationInfo`), against the localization schema of the
 * manifest's version, and every key that names no string of the manifest (`bots[0]….description`).
 */
export function validateLocalization(file: JsonValue, manifest: JsonValue): string[] {
  const version = isObject(manifest) ? manifest['manifestVersion'] : undefined;
  const validate = typeof version === 'string' ? validatorFor(version, 'localization') : undefined;
  if (!validate) return [`/manifestVersion ${JSON.stringify(version)} has no localization schema`];
  const problems = validate(file) ? [] : (validate.errors ?? []).map(formatError);
  const keys = isObject(file) ? Object.keys(file).filter((key) => key !== '$schema' && key !== 'localizationKeys') : [];
  for (const key of keys) {
    if (typeof stringAt(manifest, key) !== 'string') problems.push(`/${key} names no text of the manifest`);
  }
  return problems;
}

/** The manifest's value at a localization key's path, e.g. `bots[0].commandLists[0].commands[1].title`. */
function stringAt(manifest: JsonValue, path: string): JsonValue | undefined {
  let value: JsonValue | undefined = manifest;
  for (const step of path.split(/\.|(?=\[)/)) {
    const index = /^\[(\d+)\]$/.exec(step)?.[1];
    if (index !== undefined) value = Array.isArray(value) ? value[Number(index)] : undefined;
    else value = isObject(value) ? value[step] : undefined;
  }
  return value;
}

/** The files `localizationInfo.additionalLanguages` names, each checked, as zip entries. */
function languageFiles(sourceDir: string, manifest: JsonValue): Array<[string, Buffer]> {
  const info = isObject(manifest) ? manifest['localizationInfo'] : undefined;
  const languages = isObject(info) && Array.isArray(info['additionalLanguages']) ? info['additionalLanguages'] : [];
  return languages.map((language): [string, Buffer] => {
    const file = isObject(language) ? language['file'] : undefined;
    const name = typeof file === 'string' ? file : '';
    const path = join(sourceDir, name);
    if (!existsSync(path)) throw new AppPackageError(`${path} is missing: localizationInfo names it.`);
    const bytes = readFileSync(path);
    const problems = validateLocalization(JSON.parse(bytes.toString('utf8')) as JsonValue, manifest);
    if (problems.length > 0) {
      throw new AppPackageError(`${name} is not a valid Teams localization file:\n  ${problems.join('\n  ')}`);
    }
    return [name, bytes];
  });
}

/** Schema problems of a manifest (`/path message`), checked against the schema of its own `manifestVersion`. */
export function validateManifest(manifest: JsonValue): string[] {
  if (!isObject(manifest)) return ['/ must be a JSON object'];
  const version = manifest['manifestVersion'];
  if (typeof version !== 'string') return ['/manifestVersion must be a string'];
  const validate = validatorFor(version);
  if (!validate) return [`/manifestVersion ${JSON.stringify(version)} has no schema in @microsoft/app-manifest`];
  const schemaUrlProblem = schemaUrlMismatch(manifest['$schema'], version);
  if (validate(manifest)) return schemaUrlProblem;
  return [...schemaUrlProblem, ...(validate.errors ?? []).map(formatError)];
}

function isObject(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A `$schema` left at another version than `manifestVersion` means a half-done version bump. */
function schemaUrlMismatch(schemaUrl: JsonValue | undefined, version: string): string[] {
  if (typeof schemaUrl !== 'string' || schemaUrl.includes(`/v${version}/`)) return [];
  return [`/$schema names another version than manifestVersion ${version}`];
}

const validators = new Map<string, ValidateFunction>();

function validatorFor(manifestVersion: string, kind: SchemaKind = 'manifest'): ValidateFunction | undefined {
  const cached = validators.get(`${kind} ${manifestVersion}`);
  if (cached) return cached;
  const file = teamsSchemaPath(manifestVersion, kind);
  if (!file) return undefined;
  // Some Teams schemas use `\a` in regex patterns, which unicode regexes refuse (microsoft-teams-app-schema#190);
  // @microsoft/app-manifest rewrites it the same way before compiling.
  const schema = JSON.parse(readFileSync(file, 'utf8').replace(/\\\\a/g, '\\\\u0007')) as Record<string, unknown>;
  // The localization schema's patterns hold an unescaped `]`, which only non-unicode regexes accept.
  const validate = compile(schema, kind === 'localization' ? { unicodeRegExp: false } : {});
  validators.set(`${kind} ${manifestVersion}`, validate);
  return validate;
}

/** Picks the Ajv class for the schema's draft: the Teams manifest schemas are draft-04, newer ones may be 2020-12. */
function compile(schema: Record<string, unknown>, extra: Options = {}): ValidateFunction {
  const declared = schema['$schema'];
  const draft = typeof declared === 'string' ? declared : '';
  // Not strict: strict mode only logs the schemas' own authoring slips (e.g. `additionalProperties` without a type).
  const options: Options = { allErrors: true, strict: false, ...extra };
  const ajv = draft.includes('draft-04')
    ? new AjvDraft04(options)
    : draft.includes('2020-12') ? new Ajv2020(options) : new Ajv(options);
  addFormats(ajv);
  return ajv.compile(schema);
}

function formatError(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  const detail = params['additionalProperty'] ?? params['allowedValue'] ?? params['allowedValues'];
  const suffix = detail === undefined ? '' : `: ${JSON.stringify(detail)}`;
  return `${error.instancePath || '/'} ${error.message ?? 'is invalid'}${suffix}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Icons and the zip

function iconReferenceProblems(manifest: JsonValue): string[] {
  const icons = isObject(manifest) ? manifest['icons'] : undefined;
  const refs = isObject(icons) ? icons : {};
  return (['color', 'outline'] as const)
    .filter((kind) => refs[kind] !== ICON_FILES[kind])
    .map((kind) => `/icons/${kind} must be "${ICON_FILES[kind]}", the file the package ships`);
}

function readIcon(sourceDir: string, kind: 'color' | 'outline'): Buffer {
  const file = join(sourceDir, ICON_FILES[kind]);
  if (!existsSync(file)) throw new AppPackageError(`${file} is missing: run \`npx tsx scripts/make-icons.ts\`.`);
  const png = readFileSync(file);
  const problems = iconProblems(kind, png);
  if (problems.length > 0) throw new AppPackageError(`${file}: ${problems.join('; ')}`);
  return png;
}

async function writeZip(entries: Array<[string, Buffer]>, outFile: string): Promise<void> {
  mkdirSync(dirname(outFile), { recursive: true });
  const zip = new ZipFile();
  for (const [name, bytes] of entries) zip.addBuffer(bytes, name, { mtime: ZIP_MTIME });
  const out = createWriteStream(outFile);
  zip.outputStream.pipe(out);
  zip.end();
  await once(out, 'close');
}

async function main(): Promise<void> {
  try {
    console.log(await packageApp({ env: process.env }));
  } catch (error) {
    if (!(error instanceof AppPackageError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  }
}

if (require.main === module) void main();
