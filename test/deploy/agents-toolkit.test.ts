/**
 * The Microsoft 365 Agents Toolkit project (m365agents.yml, m365agents.local.yml, env/) read as the toolkit reads
 * it: every file a step names exists, and every `${{VAR}}` a step (or a file it fills) uses is defined in the
 * environment's sample or written by an earlier step. The toolkit's YAML JSON schema ships only inside
 * @microsoft/teamsfx-core (25 MB with its dependencies), so it is not installed: the actions and the keys they need
 * are checked here against the v1.9 actions we use.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { APP_PACKAGE_DIR, buildManifest } from '../../scripts/package-app';
import type { JsonValue } from '../../scripts/app-manifest';
import { ROLES } from '../../src/domain/types';
import { bicepOutputs, readEnvSample, ROOT } from './deploy-files';

const PLACEHOLDER = /\$\{\{([A-Za-z0-9_]+)\}\}/g;

interface Step {
  uses: string;
  with?: Record<string, unknown>;
  writeToEnvironmentFile?: Record<string, string>;
}

interface Project {
  version: string;
  environmentFolderPath: string;
  provision?: Step[];
  deploy?: Step[];
  publish?: Step[];
}

/** The actions we use, with the `with` keys each needs (from the toolkit's v1.9 action reference). */
const ACTIONS: Record<string, string[]> = {
  'teamsApp/create': ['name'],
  'aadApp/create': ['name', 'generateClientSecret', 'signInAudience'],
  'aadApp/update': ['manifestPath', 'outputFilePath'],
  'arm/deploy': ['subscriptionId', 'resourceGroupName', 'templates'],
  'botFramework/create': ['botId', 'name', 'messagingEndpoint', 'channels'],
  'teamsApp/validateManifest': ['manifestPath'],
  'teamsApp/zipAppPackage': ['manifestPath', 'outputZipPath', 'outputFolder'],
  'teamsApp/validateAppPackage': ['appPackagePath'],
  'teamsApp/update': ['appPackagePath'],
  'teamsApp/publishAppPackage': ['appPackagePath'],
  'cli/runNpmCommand': ['args'],
  'azureAppService/zipDeploy': ['artifactFolder', 'resourceId'],
  'file/createOrUpdateEnvironmentFile': ['target', 'envs'],
};

/** `with` keys naming files or folders that must exist in the repository. */
const INPUT_PATHS = ['manifestPath', 'ignoreFile', 'artifactFolder'];

const PROJECTS = [
  { file: 'm365agents.yml', env: 'dev' },
  { file: 'm365agents.local.yml', env: 'local' },
] as const;

function readProject(file: string): Project {
  return parse(fs.readFileSync(path.join(ROOT, file), 'utf8')) as Project;
}

function stepsOf(project: Project): Step[] {
  return [...(project.provision ?? []), ...(project.deploy ?? []), ...(project.publish ?? [])];
}

function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((match) => match[1] ?? '');
}

function readRepoFile(relative: string): string {
  return fs.readFileSync(path.join(ROOT, relative), 'utf8');
}

/** The files a step fills with the environment before using them: their placeholders must be defined too. */
function filledFiles(step: Step): string[] {
  const args = step.with ?? {};
  if (step.uses === 'arm/deploy') {
    const templates = args['templates'] as Array<{ path: string; parameters: string }>;
    return templates.map((template) => template.parameters);
  }
  if (['aadApp/update', 'teamsApp/validateManifest', 'teamsApp/zipAppPackage'].includes(step.uses)) {
    return [args['manifestPath'] as string];
  }
  return [];
}

/** What a step writes into the environment file: its writeToEnvironmentFile, and arm/deploy's Bicep outputs. */
function written(step: Step): string[] {
  const names = Object.values(step.writeToEnvironmentFile ?? {});
  if (step.uses === 'arm/deploy') {
    const templates = (step.with?.['templates'] ?? []) as Array<{ path: string }>;
    for (const template of templates) names.push(...bicepOutputs(readRepoFile(template.path)));
  }
  return names;
}

/** Walks the steps in order: `${{VAR}}` used before anything defines it. */
function undefinedVariables(project: Project, env: Record<string, string>): string[] {
  const defined = new Set(Object.keys(env));
  const problems: string[] = [];
  stepsOf(project).forEach((step, index) => {
    const used = [
      ...placeholdersIn(JSON.stringify(step.with ?? {})).map((name) => ({ name, where: 'with' })),
      ...filledFiles(step).flatMap((file) => placeholdersIn(readRepoFile(file)).map((name) => ({ name, where: file }))),
    ];
    for (const { name, where } of used) {
      if (!defined.has(name)) problems.push(`step ${index + 1} (${step.uses}, ${where}) uses \${{${name}}}`);
    }
    for (const name of written(step)) defined.add(name);
  });
  return [...new Set(problems)];
}

describe('deploy: the Agents Toolkit project', () => {
  for (const { file, env } of PROJECTS) {
    describe(file, () => {
      const project = readProject(file);
      const envFile = path.join(project.environmentFolderPath, `.env.${env}`);

      it('is a v1.9 project whose every step is a known action with the keys it needs', () => {
        assert.equal(project.version, 'v1.9');
        assert.ok((project.provision ?? []).length > 0, 'provision has steps');
        for (const step of stepsOf(project)) {
          const needs = ACTIONS[step.uses];
          assert.ok(needs, `${step.uses} is an action this test knows`);
          for (const key of needs) assert.ok(step.with && key in step.with, `${step.uses} has with.${key}`);
        }
        assert.match(fs.readFileSync(path.join(ROOT, file), 'utf8'), /yaml-language-server: \$schema=.*v1\.9\//);
      });

      it('every file a step reads exists (manifests, Bicep templates and parameters, ignore files)', () => {
        const missing: string[] = [];
        for (const step of stepsOf(project)) {
          const args = step.with ?? {};
          const files = [...INPUT_PATHS.map((key) => args[key]), ...filledFiles(step)];
          if (step.uses === 'arm/deploy') {
            files.push(...(args['templates'] as Array<{ path: string }>).map((template) => template.path));
          }
          for (const name of files) {
            if (typeof name === 'string' && !fs.existsSync(path.join(ROOT, name))) missing.push(`${step.uses}: ${name}`);
          }
        }
        assert.ok(fs.existsSync(path.join(ROOT, envFile)), `${envFile} exists`);
        assert.deepEqual(missing, []);
      });

      it(`every \${{VAR}} is defined in ${envFile} or written by an earlier step`, () => {
        assert.deepEqual(undefinedVariables(project, readEnvSample(envFile)), []);
      });

      it('a package is validated and uploaded only after a step zipped it', () => {
        const zipped = new Set<string>();
        for (const step of stepsOf(project)) {
          if (step.uses === 'teamsApp/zipAppPackage') zipped.add(String(step.with?.['outputZipPath']));
          const zip = step.with?.['appPackagePath'];
          if (typeof zip === 'string') assert.ok(zipped.has(zip), `${step.uses} reads ${zip} after it is built`);
        }
      });

      it(`${envFile} holds no secret: SECRET_* values live in the git-ignored .env.${env}.user`, () => {
        const sample = readEnvSample(envFile);
        assert.deepEqual(Object.keys(sample).filter((name) => name.startsWith('SECRET_')), []);
        assert.deepEqual(Object.entries(sample).filter(([name, value]) => /ID$|DOMAIN|ENDPOINT/.test(name) && value), []);
      });
    });
  }

  it('git ignores the toolkit\'s secret files, its build output and the local .env it writes', () => {
    const ignored = readRepoFile('.gitignore').split('\n').map((line) => line.trim());
    for (const entry of ['env/.env.*.user', 'build/', '.env', 'appPackage/build/']) {
      assert.ok(ignored.includes(entry), `.gitignore lists ${entry}`);
    }
  });

  it('the toolkit and `npm run package` fill one template, appPackage/manifest.json, to the same manifest', () => {
    const values = {
      BOT_ID: '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
      BOT_DOMAIN: 'esd-bot.azurewebsites.net',
      AAD_APP_CLIENT_ID: '6b1e1a40-2a7c-4b1e-9d5e-1a2b3c4d5e6f',
    };
    const template = path.join(APP_PACKAGE_DIR, 'manifest.json');
    for (const { file } of PROJECTS) {
      const manifestSteps = stepsOf(readProject(file)).filter((step) => step.uses.startsWith('teamsApp/')
        && step.with?.['manifestPath'] !== undefined);
      assert.ok(manifestSteps.length >= 2, `${file} validates and zips the manifest`);
      for (const step of manifestSteps) {
        assert.equal(path.resolve(ROOT, String(step.with?.['manifestPath'])), template, `${file}: ${step.uses}`);
      }
    }
    // What the toolkit does: replace each ${{VAR}} in the text with the environment's value.
    const byToolkit = JSON.parse(fs.readFileSync(template, 'utf8')
      .replace(PLACEHOLDER, (_match, name: string) => values[name as keyof typeof values])) as JsonValue;
    const byPackageScript = buildManifest(APP_PACKAGE_DIR, {
      MicrosoftAppId: values.BOT_ID, BOT_DOMAIN: values.BOT_DOMAIN, AAD_APP_CLIENT_ID: values.AAD_APP_CLIENT_ID,
    });
    assert.deepEqual(byPackageScript, byToolkit);
  });

  it('the tab\'s Entra app (aad.manifest.json) has the Teams manifest\'s token resource and the API\'s roles', () => {
    const teams = JSON.parse(readRepoFile('appPackage/manifest.json')) as { webApplicationInfo: { resource: string } };
    const entra = JSON.parse(readRepoFile('aad.manifest.json')) as {
      identifierUris: string[];
      appRoles: Array<{ value: string; id: string }>;
      api: { requestedAccessTokenVersion: number };
    };
    assert.deepEqual(entra.identifierUris, [teams.webApplicationInfo.resource]);
    assert.equal(entra.api.requestedAccessTokenVersion, 2, 'v2 tokens: aud is the client id (ENTRA_AUDIENCE)');
    assert.deepEqual(entra.appRoles.map((role) => role.value).sort(), [...ROLES].sort());
    assert.equal(new Set(entra.appRoles.map((role) => role.id)).size, entra.appRoles.length, 'role ids are distinct');
  });
});
