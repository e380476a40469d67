import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import {
  AppPackageError, COLOR_ICON_SIZE, OUTLINE_ICON_SIZE, iconProblems, type JsonValue,
} from '../scripts/app-manifest';
import { decodePng, encodePng, pixelsWhere } from '../scripts/png';
import { colorIcon, outlineIcon } from '../scripts/make-icons';
import { commandWord, parseCommand } from '../src/teams/commands';
import {
  APP_PACKAGE_DIR, buildManifest, packageApp, teamsSchemaPath, validateLocalization, validateManifest,
} from '../scripts/package-app';

const BOT_ID = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const SSO_APP_ID = '6b1e1a40-2a7c-4b1e-9d5e-1a2b3c4d5e6f';
const ENV = { MicrosoftAppId: BOT_ID, BOT_DOMAIN: 'esd-bot.contoso.com', AAD_APP_CLIENT_ID: SSO_APP_ID };

/** The parts of the manifest these tests read; the schema has already vouched for the rest. */
interface BotManifest {
  id: string;
  manifestVersion: string;
  bots: Array<{
    botId: string;
    scopes: string[];
    supportsFiles: boolean;
    isNotificationOnly: boolean;
    commandLists: Array<{ scopes: string[]; commands: Array<{ title: string; description: string }> }>;
  }>;
}

type JsonObject = { [key: string]: JsonValue };

function filledManifest(): JsonObject {
  return buildManifest(APP_PACKAGE_DIR, ENV) as JsonObject;
}

function theBot(manifest: JsonObject): BotManifest['bots'][number] {
  const bot = (manifest as unknown as BotManifest).bots[0];
  assert.ok(bot, 'the manifest declares a bot');
  return bot;
}

function icon(name: string): Buffer {
  return readFileSync(join(APP_PACKAGE_DIR, name));
}

/** File names and contents of a zip, read from its central directory (yauzl is not a dependency). */
function readZip(zip: Buffer): Map<string, Buffer> {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, 'end of central directory record');
  const files = new Map<string, Buffer>();
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < zip.readUInt16LE(eocd + 10); i++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, 'central directory entry');
    const [method, size, nameLength] = [
      zip.readUInt16LE(at + 10), zip.readUInt32LE(at + 20), zip.readUInt16LE(at + 28),
    ];
    const local = zip.readUInt32LE(at + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const stored = zip.subarray(start, start + size);
    files.set(zip.toString('utf8', at + 46, at + 46 + nameLength), method === 8 ? inflateRawSync(stored) : stored);
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return files;
}

describe('Teams app package', () => {
  describe('manifest', () => {
    it('validates against the Teams schema bundled in @microsoft/app-manifest once filled', () => {
      const manifest = filledManifest();
      const { manifestVersion } = manifest as unknown as BotManifest;
      assert.ok(teamsSchemaPath(manifestVersion), 'a bundled schema for the manifest version');
      assert.deepEqual(validateManifest(manifest), []);
      assert.equal(manifest['id'], BOT_ID);
      assert.equal(theBot(manifest).botId, BOT_ID);
    });

    it('is reported invalid with its placeholders unfilled (ids are not GUIDs)', () => {
      const template = JSON.parse(readFileSync(join(APP_PACKAGE_DIR, 'manifest.json'), 'utf8')) as JsonValue;
      const problems = validateManifest(template);
      assert.ok(problems.some((p) => p.startsWith('/id ')), problems.join('\n'));
      assert.ok(problems.some((p) => p.startsWith('/bots/0/botId ')), problems.join('\n'));
    });

    it('is reported invalid with an unknown version, a missing required field or an unknown property', () => {
      const cases: Array<[string, (m: JsonObject) => void, RegExp]> = [
        ['unknown version', (m) => { m['manifestVersion'] = '1.99'; }, /manifestVersion "1\.99" has no schema/],
        ['version mismatch', (m) => { m['manifestVersion'] = '1.22'; }, /\$schema names another version/],
        ['no developer', (m) => { delete m['developer']; }, /must have required property 'developer'/],
        [
          'bot without id',
          (m) => { delete (m['bots'] as JsonObject[])[0]?.['botId']; },
          /\/bots\/0 must have required property 'botId'/,
        ],
        ['unknown property', (m) => { m['botName'] = 'x'; }, /must NOT have additional properties: "botName"/],
      ];
      for (const [name, change, expected] of cases) {
        const manifest = filledManifest();
        change(manifest);
        const problems = validateManifest(manifest);
        assert.ok(problems.some((p) => expected.test(p)), `${name}: ${problems.join('\n')}`);
      }
    });

    it('declares a personal, conversational bot with exactly the four commands', () => {
      const bot = theBot(filledManifest());
      assert.deepEqual(bot.scopes, ['personal']);
      assert.equal(bot.supportsFiles, false);
      assert.equal(bot.isNotificationOnly, false);
      assert.equal(bot.commandLists.length, 1);
      const [list] = bot.commandLists;
      assert.deepEqual(list?.scopes, ['personal']);
      assert.deepEqual(list?.commands.map((c) => c.title), ['help', 'upcoming', 'customer', 'new customer']);
      assert.ok(list?.commands.every((c) => c.description.length > 0));
      assert.match(list?.commands[2]?.description ?? '', /customer <name or tenant id>/);
    });

    it('issue 10: has the personal tab served by the bot\'s host, signing in with single sign-on to the given Entra app', () => {
      const manifest = filledManifest();
      assert.deepEqual(manifest.staticTabs, [{
        entityId: 'esd-overview', name: 'Load and queue', contentUrl: 'https://esd-bot.contoso.com/tab', scopes: ['personal'],
      }]);
      assert.deepEqual(manifest.webApplicationInfo, { id: SSO_APP_ID, resource: `api://esd-bot.contoso.com/${SSO_APP_ID}` });
      assert.deepEqual(manifest.validDomains, ['esd-bot.contoso.com']);
    });
  });

  describe('localizationInfo (issue 11)', () => {
    const zhCn = (): JsonObject => JSON.parse(readFileSync(join(APP_PACKAGE_DIR, 'zh-cn.json'), 'utf8')) as JsonObject;

    it('names a zh-cn file that validates against the bundled localization schema, each key a text of the manifest', () => {
      const manifest = filledManifest();
      assert.deepEqual(manifest.localizationInfo, {
        defaultLanguageTag: 'en-us', additionalLanguages: [{ languageTag: 'zh-cn', file: 'zh-cn.json' }],
      });
      assert.ok(teamsSchemaPath('1.30', 'localization'));
      assert.deepEqual(validateLocalization(zhCn(), manifest), []);
    });

    it('translates the name, descriptions, the commands and the tab; each Chinese title is the same command to the bot', () => {
      const file = zhCn() as Record<string, string | undefined>;
      for (const key of ['name.short', 'name.full', 'description.short', 'description.full', 'staticTabs[0].name']) {
        assert.match(file[key] ?? '', /[\u4e00-\u9fff]/, key);
      }
      const commands = theBot(filledManifest()).commandLists[0]?.commands ?? [];
      assert.equal(commands.length, 4);
      commands.forEach((command, i) => {
        assert.match(file[`bots[0].commandLists[0].commands[${i}].description`] ?? '', /[\u4e00-\u9fff]/, `command ${i}`);
        // Teams sends the title as the message: the Chinese title must be the command the English one is.
        const title = file[`bots[0].commandLists[0].commands[${i}].title`] ?? '';
        assert.match(title, /[\u4e00-\u9fff]/, `command ${i} title`);
        const english = parseCommand(command.title);
        assert.ok(english, command.title);
        assert.deepEqual(parseCommand(title), english, title);
        assert.equal(title, commandWord('zh-CN', english.name));
      });
      assert.match(file['description.full'] ?? '', /FastTrack 经理 \(FM\)/);
    });

    it('a localization file with an unknown key, an empty name or a key naming nothing in the manifest is reported', () => {
      const broken = { ...zhCn(), 'name.short': ' ', extra: 'x', 'bots[0].commandLists[0].commands[9].description': 'x' };
      const problems = validateLocalization(broken, filledManifest());
      assert.ok(problems.some((p) => p.includes('additional properties') && p.includes('extra')), problems.join('\n'));
      assert.ok(problems.some((p) => p.startsWith('/name.short')), problems.join('\n'));
      assert.ok(problems.includes('/bots[0].commandLists[0].commands[9].description names no text of the manifest'));
    });
  });

  describe('icons', () => {
    it('color.png is 192x192 and opaque', () => {
      const image = decodePng(icon('color.png'));
      assert.deepEqual([image.width, image.height], [COLOR_ICON_SIZE, COLOR_ICON_SIZE]);
      assert.equal(pixelsWhere(image, (_r, _g, _b, a) => a !== 255), 0);
      assert.deepEqual(iconProblems('color', icon('color.png')), []);
    });

    it('outline.png is 32x32, white only, on a transparent background', () => {
      const image = decodePng(icon('outline.png'));
      assert.deepEqual([image.width, image.height], [OUTLINE_ICON_SIZE, OUTLINE_ICON_SIZE]);
      assert.equal(pixelsWhere(image, (r, g, b) => r !== 255 || g !== 255 || b !== 255), 0);
      assert.ok(pixelsWhere(image, (_r, _g, _b, a) => a === 0) > 0, 'transparent pixels');
      assert.ok(pixelsWhere(image, (_r, _g, _b, a) => a === 255) > 0, 'a visible glyph');
      assert.deepEqual(iconProblems('outline', icon('outline.png')), []);
    });

    it('are what scripts/make-icons.ts draws', () => {
      assert.deepEqual(decodePng(icon('color.png')), colorIcon());
      assert.deepEqual(decodePng(icon('outline.png')), outlineIcon());
    });

    it('breaking Teams rules is reported', () => {
      // Opaque black: the wrong color, and no transparent background.
      const data = new Uint8Array(32 * 32 * 4).map((_v, i) => (i % 4 === 3 ? 255 : 0));
      const black = { width: 32, height: 32, data };
      const problems = iconProblems('outline', encodePng(black));
      assert.ok(problems.some((p) => /white only/.test(p)), problems.join('\n'));
      assert.ok(problems.some((p) => /transparent background/.test(p)), problems.join('\n'));
      assert.match(iconProblems('color', icon('outline.png')).join(), /192x192 pixels; it is 32x32/);
    });
  });

  describe('packaging', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'esd-app-package-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('writes a zip with manifest.json, color.png, outline.png and zh-cn.json at its root', async () => {
      const outFile = await packageApp({ env: ENV, outFile: join(dir, 'build', 'appPackage.zip') });
      const files = readZip(readFileSync(outFile));
      assert.deepEqual([...files.keys()].sort(), ['color.png', 'manifest.json', 'outline.png', 'zh-cn.json']);
      assert.deepEqual(files.get('zh-cn.json'), readFileSync(join(APP_PACKAGE_DIR, 'zh-cn.json')));
      assert.deepEqual(JSON.parse(files.get('manifest.json')?.toString('utf8') ?? ''), filledManifest());
      assert.deepEqual(files.get('color.png'), icon('color.png'));
      assert.deepEqual(files.get('outline.png'), icon('outline.png'));
    });

    it('refuses a missing or malformed MicrosoftAppId with one clear message, writing nothing', async () => {
      const outFile = join(dir, 'appPackage.zip');
      const cases: Array<[NodeJS.ProcessEnv, RegExp]> = [
        [{}, /^MicrosoftAppId is not set: set it to the bot's Microsoft App ID, a GUID/],
        [{ MicrosoftAppId: '  ' }, /^MicrosoftAppId is not set/],
        [{ MicrosoftAppId: 'not-a-guid' }, /^MicrosoftAppId must be the bot's Microsoft App ID, a GUID; got "not-a-guid"/],
        [{ ...ENV, BOT_DOMAIN: 'https://esd-bot.contoso.com/' }, /^BOT_DOMAIN must be the bot's public host name/],
        [{ ...ENV, AAD_APP_CLIENT_ID: '' }, /^AAD_APP_CLIENT_ID is not set: set it to the client id of the Entra app the tab signs in to/],
      ];
      for (const [env, message] of cases) {
        const isClear = (error: unknown): boolean => error instanceof AppPackageError && message.test(error.message);
        await assert.rejects(packageApp({ env, outFile }), isClear);
      }
      assert.equal(existsSync(outFile), false);
    });

    it('`npm run package` exits 1 with that message when MicrosoftAppId is missing', () => {
      const env = { ...process.env };
      delete env['MicrosoftAppId'];
      const tsx = join(__dirname, '..', 'node_modules', '.bin', 'tsx');
      const run = spawnSync(tsx, [join(__dirname, '..', 'scripts', 'package-app.ts')], { env, encoding: 'utf8' });
      assert.equal(run.status, 1, run.stderr);
      assert.match(run.stderr.trim(), /^MicrosoftAppId is not set: .*$/);
    });
  });
});
