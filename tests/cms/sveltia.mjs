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
//    "inserted": [{"field": "body", "entry": "stories/x.md", "file": "pic.png"}],  // into the text
//    "saved": [{"values": {"title": "...", "awards.0.award": "..."}, "added": {"awards": 1},
//               "chosen": {"awards.0.national": "Yes"}}],  // a new story: typed, list items
//                                                          // added, an option clicked by label
//    "reopened": [{"text": "---\n...", "fields": ["awards.0.national"]}]}  // a saved file opened
// and writes {"picked": [{"value", "zone"}], "shown": [{"input", "zone"}],
//             "uploads": [{"value", "path"}], "inserted": [{"pasted", "toolbar"}] (each a
//             {"value", "path"}), "fieldFolders": ["image.src", ...], "deletesFilesWithStory": false,
//             "saved": [{"text", "options": {key: [labels offered]}}],
//             "reopened": [{key: {"value", "shown": [labels checked]}}]}.
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
  // contents/draft/defaults.js: the values a new story, or a list item just added, starts with
  getDefaultValues:
    /[,;{]([\w$]+)=\(\{fields:e,locale:t,defaultLocale:n,dynamicValues:r=\{\}\}\)=>\{let [\w$]+=\{\};return e\.forEach/g,
  // contents/fields/select/helpers.js: the type a select option's value is cast back to, and the
  // value of the "(None)" option an optional select gets
  getOptionValueType: /[,;{]([\w$]+)=e=>e===null\?`number`:typeof e[,;]/g,
  getEmptyOptionValue: /[,;{]([\w$]+)=e=>e===void 0\|\|typeof e==`string`\?``:null[,;]/g,
  // @sveltia/ui services/value.js: a clicked option's data-value attribute, cast back to its type
  castValue: /[,;{]([\w$]+)=\(e,t\)=>\{if\(t===`number`\)\{let t=Number\(e\);return Number\.isNaN\(t\)\?null:t\}return t===`boolean`\?e===`true`/g,
  // contents/draft/save/serialize.js: the story's values, ordered, with empty optional ones left out
  finalizeContent:
    /[,;{]([\w$]+)=\(\{collectionName:e,fileName:t,fields:n,locale:r,valueMap:i,canonicalSlugKey:a,aliasesKey:o,orderKey:s,isIndexFile:c=!1,isTomlOutput:l=!1\}\)=>/g,
  // config/index.js: the configuration the editor runs with (read by finalizeContent)
  cmsConfig: /,\{omit_empty_optional_fields:[\w$]+=!1\}=([\w$]+)\.current\?\.output\?\?\{\}/g,
  // contents/file/format.js: the file written for a story
  formatFrontMatter: /[,;{]([\w$]+)=\(\{content:e,_file:t\}\)=>\{let\{format:n,fmDelimiters:r,/g,
  // contents/file/parse.js: a saved story read back, and draft/create/normalize.js: the values the
  // editor then shows (a field the file lacks gets its default)
  parseFrontMatter: /[,;{]([\w$]+)=\(\{collection:e,collectionFile:t,isIndexFile:n,format:r,text:i\}\)=>/g,
  normalizeContent:
    /[,;{]([\w$]+)=\(\{fields:e,content:t,locale:n,defaultLocale:r,defaultLocaleContent:i,fillDefaults:a=!0\}\)=>/g,
  // the `flat` library's flatten, with which the editor holds a story's values
  flatten: /function ([\w$]+)\(e,t\)\{t\|\|=\{\};let n=t\.delimiter\|\|`\.`,r=t\.maxDepth,/g,
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

// a story as the officer saves it and reads it back: what a choice field offers, the value a click
// on an option gives, the file written, and the values the editor shows when the file is opened
const LOCALE = '_default';
const storyFields = config.collections[0].fields;
const defaults = (fields) => sveltia.getDefaultValues({ fields, locale: LOCALE, defaultLocale: LOCALE });

/** The options a field offers, as its editor lists them ({label, value}), with their click's value. */
const offered = (field) => {
  if (field.widget === 'boolean') return [{ label: 'off', value: false }, { label: 'on', value: true }];
  if (field.widget !== 'select') throw new Error(`${field.name} is not a choice`);
  // components/contents/details/fields/select/select-single.svelte: an optional field gets a
  // "(None)" option first, unless one of its options already clears the value
  const options = field.options.map((option) => (typeof option === 'object' ? option : { label: String(option), value: option }));
  const hasEmptyOption = options.some(({ value }) => value === null || value === '');
  const all = !(field.required ?? true) && !hasEmptyOption
    ? [{ label: '(None)', value: sveltia.getEmptyOptionValue(options[0]?.value) }, ...options] : options;
  return all.map(({ label, value }) => ({ label, value:
    // the option's button holds String(value) in data-value (none for null), cast back on a click
    sveltia.castValue(value === null ? undefined : String(value), sveltia.getOptionValueType(value)) }));
};

const fieldOfKey = (key) => fieldAt(config, key.split('.').filter((part) => !/^\d+$/.test(part)).join('.'));

const saves = (request.saved ?? []).map(({ values = {}, added = {}, chosen = {} }) => {
  const content = defaults(storyFields);
  for (const [list, count] of Object.entries(added)) {
    for (let index = 0; index < count; index += 1) {
      for (const [key, value] of Object.entries(defaults(fieldAt(config, list).fields))) {
        content[`${list}.${index}.${key}`] = value;
      }
    }
  }
  Object.assign(content, values);
  const options = {};
  for (const [key, label] of Object.entries(chosen)) {
    options[key] = offered(fieldOfKey(key));
    const option = options[key].find((candidate) => candidate.label === label);
    if (!option) throw new Error(`${key} has no option ${label}`);
    content[key] = option.value;
  }
  sveltia.cmsConfig.current = config;
  const finalized = sveltia.finalizeContent({ collectionName: config.collections[0].name,
    fields: storyFields, locale: LOCALE, valueMap: content });
  return { text: sveltia.formatFrontMatter({ content: finalized, _file: { format: 'frontmatter' } }),
    options: Object.fromEntries(Object.entries(options).map(([key, list]) => [key, list.map(({ label }) => label)])) };
});

const reopened = (request.reopened ?? []).map(({ text, fields }) => {
  // the file settings of a front-matter collection (contents/file/config.js), as the editor keeps them
  const collection = { ...config.collections[0], _type: 'entry', _file: { format: 'frontmatter' } };
  const parsed = sveltia.parseFrontMatter({ collection, format: 'yaml-frontmatter', text });
  const content = sveltia.normalizeContent({ fields: storyFields, content: sveltia.flatten(parsed),
    locale: LOCALE, defaultLocale: LOCALE });
  return Object.fromEntries(fields.map((key) => {
    const checked = offered(fieldOfKey(key)).filter(({ value }) => value === content[key]);
    return [key, { value: content[key] ?? null, shown: checked.map(({ label }) => label) }];
  }));
});

process.stdout.write(JSON.stringify({ picked, shown, uploads, inserted, fieldFolders,
  deletesFilesWithStory, saved: saves, reopened }));
