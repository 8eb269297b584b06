// Runs Sveltia CMS's own code, from the script the site serves (node_modules/@sveltia/cms/dist/
// sveltia-cms.js), in node: what its date-time field saves for a time the officer picks, and the
// value and file its image field saves for an upload. The script is loaded whole in a sandbox whose
// browser objects are stand-ins (nothing is rendered, nothing leaves the machine), and the internal
// functions are found by their signatures; a newer Sveltia that changes them makes this fail, by
// name, rather than pass on a guess.
//
// Reads a JSON request on stdin:
//   {"config": <admin/config.yml as data>,
//    "picked": [{"field": "embargo", "input": "2026-12-01T09:00"}],   // what the picker gives
//    "shown": [{"field": "embargo", "stored": "2026-06-01T09:00:00+01:00"}],  // a saved value
//    "uploads": [{"field": "image.src", "entry": "stories/x.md", "file": "pic.png"}],
//    "inserted": [{"field": "body", "entry": "stories/x.md", "file": "pic.png"}]}  // into the text
// and writes {"picked": [{"value", "zone"}], "shown": [{"input", "zone"}],
//             "uploads": [{"value", "path"}], "inserted": [{"pasted", "toolbar"}] (each a
//             {"value", "path"}), "fieldFolders": ["image.src", ...], "deletesFilesWithStory": false}.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SCRIPT = process.env.SVELTIA_SCRIPT ??
  path.join(HERE, '..', '..', 'node_modules', '@sveltia', 'cms', 'dist', 'sveltia-cms.js');

/** Sveltia's internal functions (source: src/lib/services/...), found by their minified shape. */
const SIGNATURES = {
  // config/parser/index.js: parseCmsConfig, which collects the fields with a folder of their own
  parseCmsConfig:
    /[,;{]([\w$]+)=\(e,t\)=>\{[\w$]+\(e,t\),[\w$]+\(e\)&&![\w$]+\.includes\(e\.backend\?\.name\)/g,
  // contents/fields/date-time/helpers.js: the value saved for the picker's input
  getCurrentValue: /[,;{]([\w$]+)=\(\{inputValue:e,currentValue:t,fieldConfig:n,timeZone:r,outputUTC:i\}\)=>/g,
  // contents/fields/date-time/helpers.js: the picker's input for a saved value
  getInputValue: /[,;{]([\w$]+)=\(\{currentValue:e,fieldConfig:t,timeZone:n\}\)=>\{let\{dateOnly:/g,
  // contents/fields/date-time/timezone.js: the zone the editor gives the field
  getInitialTimeZone:
    /[,;{]([\w$]+)=\(e,t\)=>\{let n=[\w$]+\(e,t\);if\(n\)return n;let\{inputTimeZone:r,singleCustomTimeZone:i\}=/g,
  // config/folders/assets.js: every asset folder of a configuration
  getAllAssetFolders:
    /[,;{]([\w$]+)=\(e,t=\[\]\)=>\{[\w$]+\.length=0;let\{media_folder:n,public_folder:r,collections:i,singletons:a,asset_collections:o\}=e/g,
  // assets/folders.js: getAssetFolder, and the state holding allAssetFolders it reads
  getAssetFolder: /[,;{]([\w$]+)=e=>\{let t=`typedKeyPath`in e\?/g,
  allAssetFolders: /[,;{][\w$]+=e=>\{let t=`typedKeyPath`in e\?[^;]*?;return ([\w$]+)\.current\.find\(/g,
  // contents/fields/file/helpers.js: the folders a file or image field may use, and its default
  getAssetLibraryFolderMap:
    /[,;{]([\w$]+)=\(\{collectionName:e,fileName:t,componentName:n,typedKeyPath:r,isIndexFile:i\}\)=>\{let a=/g,
  getDefaultAssetFolder: /[,;{]([\w$]+)=e=>Object\.values\(e\)\.find\(\(\{enabled:e\}\)=>e\)\?\.folder/g,
  // contents/draft/save/assets.js: where an upload is saved, and the value written for it
  resolveAssetFolderPaths:
    /[,;{]([\w$]+)=\(\{folder:e,fillSlugOptions:t\}\)=>\{let\{entryRelative:n,internalPath:r,internalSubPath:i,publicPath:a\}=e/g,
  createPublicURL: /[,;{]([\w$]+)=\(e,t\)=>e\?`\$\{e===`\/`\?``:e\}\/\$\{t\}`:t/g,
};

/** A stand-in for any browser object: every property, call and `new` gives another one. */
const standIn = () => new Proxy(function standIn() {}, {
  get: (target, key) => {
    if (key === Symbol.toPrimitive) return () => '';
    if (key === Symbol.iterator) return function* none() {};
    if (key === 'then') return undefined;
    return key in target ? target[key] : standIn();
  },
  apply: () => standIn(),
  construct: () => standIn(),
});

/** The script, run in a sandbox, with its internal functions handed out. */
const loadSveltia = () => {
  const source = fs.readFileSync(SCRIPT, 'utf8');
  const names = {};
  for (const [name, signature] of Object.entries(SIGNATURES)) {
    const found = [...new Set([...source.matchAll(signature)].map((match) => match[1]))];
    if (found.length !== 1) {
      throw new Error(`Sveltia's script has ${found.length} matches for ${name}: its code changed`);
    }
    names[name] = found[0];
  }
  // the script ends `...,e.default=<CMS>,e.getFieldType=...,e})({});`: hand the functions out there
  const end = source.lastIndexOf('e.default=');
  const handOut = Object.entries(names).map(([name, local]) => `e.__${name}=${local},`).join('');
  const patched = source.slice(0, end) + handOut + source.slice(end);

  const document = standIn();
  const sandboxDocument = new Proxy(document, {
    get: (target, key) => (key === 'nodeType' ? 9 : key === 'currentScript' ? null
      : key === 'querySelector' ? () => null : target[key]),
  });
  const own = {
    console, URL, URLSearchParams, Intl, Date, Math, JSON, Promise, Object, Array, String, Number,
    Boolean, Symbol, RegExp, Error, TypeError, RangeError, SyntaxError, Map, Set, WeakMap, WeakSet,
    WeakRef, Proxy, Reflect, Function, BigInt, ArrayBuffer, DataView, Uint8Array, Uint16Array,
    Uint32Array, Int8Array, Int16Array, Int32Array, Float32Array, Float64Array, TextEncoder,
    TextDecoder, structuredClone, queueMicrotask, setTimeout, clearTimeout, parseInt, parseFloat,
    isNaN, isFinite, encodeURIComponent, decodeURIComponent, encodeURI, decodeURI, escape, unescape,
    atob, btoa,
    CMS_MANUAL_INIT: true, // never start the app
    document: sandboxDocument,
    location: new URL('http://127.0.0.1/admin/'),
  };
  const sandbox = new Proxy(own, {
    get: (target, key) => {
      if (!(key in target) && typeof key === 'string') target[key] = standIn();
      return target[key];
    },
    has: () => true,
  });
  own.window = sandbox;
  own.self = sandbox;
  own.globalThis = sandbox;
  const api = vm.runInContext(patched, vm.createContext(sandbox), { filename: SCRIPT });
  return Object.fromEntries(Object.keys(names).map((name) => [name, api[`__${name}`]]));
};

/** The field at a dotted path (`image.src`) of the first collection. */
const fieldAt = (config, dotted) => {
  let fields = config.collections[0].fields;
  let field;
  for (const name of dotted.split('.')) {
    field = fields.find((candidate) => candidate.name === name);
    if (!field) throw new Error(`no field ${dotted} in the config`);
    fields = field.fields ?? [];
  }
  return field;
};

const request = JSON.parse(fs.readFileSync(0, 'utf8'));
const sveltia = loadSveltia();
const { config } = request;

const picked = (request.picked ?? []).map(({ field, input }) => {
  const fieldConfig = fieldAt(config, field);
  const zone = sveltia.getInitialTimeZone(undefined, fieldConfig);
  const value = sveltia.getCurrentValue({ inputValue: input, currentValue: undefined, fieldConfig,
    timeZone: zone });
  return { value, zone: zone ?? null };
});

const shown = (request.shown ?? []).map(({ field, stored }) => {
  const fieldConfig = fieldAt(config, field);
  const zone = sveltia.getInitialTimeZone(stored, fieldConfig);
  return { input: sveltia.getInputValue({ currentValue: stored, fieldConfig, timeZone: zone }),
    zone: zone ?? null };
});

// the fields with a folder of their own, as Sveltia's own config parser collects them at start-up
// (config/parser/fields: only file and image fields are collected; a markdown field's is not)
const collectors = { errors: new Set(), warnings: new Set(), mediaFields: new Set(),
  relationFields: new Set() };
sveltia.parseCmsConfig(config, collectors);
if (collectors.errors.size) throw new Error(`Sveltia refuses the config: ${[...collectors.errors]}`);
const fieldFolders = [...collectors.mediaFields].map(({ context }) => context.typedKeyPath);
sveltia.allAssetFolders.current = sveltia.getAllAssetFolders(config, [...collectors.mediaFields]);

/** The value written and the file saved for `file` put in `folder` of the story `entry`. */
const saved = (folder, entry, file) => {
  const collection = config.collections[0];
  const { resolvedInternalPath, resolvedPublicPath } = sveltia.resolveAssetFolderPaths({
    folder,
    fillSlugOptions: {
      collection: { ...collection, _type: 'entry', _file: {} },
      type: 'media_folder',
      entryFilePath: entry,
      content: {},
    },
  });
  return { value: sveltia.createPublicURL(resolvedPublicPath, file),
    path: resolvedInternalPath ? `${resolvedInternalPath}/${file}` : file };
};

/** The folder a field's own asset library uses (contents/fields/file/helpers.js). */
const folderOf = (context) => sveltia.getDefaultAssetFolder(sveltia.getAssetLibraryFolderMap({
  collectionName: config.collections[0].name, fileName: undefined, isIndexFile: false, ...context }));

const uploads = (request.uploads ?? []).map(({ field, entry, file }) =>
  saved(folderOf({ typedKeyPath: field }), entry, file));

// a picture put into the text of a markdown field, in the two ways the editor has
// (components/contents/details/widgets/rich-text/rich-text-editor.svelte and the image component):
// pasted or dropped into the text, it goes to the folder of the field itself (no component);
// inserted with the toolbar's Image button, to the folder of the built-in image component's `src`
// field (linked-image, as linked_images is on by default), whose key path ends in `src`
const inserted = (request.inserted ?? []).map(({ field, entry, file }) => ({
  pasted: saved(folderOf({ componentName: undefined, typedKeyPath: field }), entry, file),
  toolbar: saved(folderOf({ componentName: 'linked-image', typedKeyPath: `${field}:src` }), entry, file),
}));

// deleting a story deletes, with it, the files Sveltia counts as its own when the collection's
// folder is entry-relative (components/contents/shared/delete-entries-dialog.svelte)
const collectionFolder = sveltia.getAssetFolder({ collectionName: config.collections[0].name });
const deletesFilesWithStory = !!collectionFolder?.entryRelative;

process.stdout.write(JSON.stringify({ picked, shown, uploads, inserted, fieldFolders,
  deletesFilesWithStory }));
