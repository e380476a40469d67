// The adaptivecards SDK's browser bundle, which card-helpers.ts loads because the package's `lib/` entry does not
// load in Node. The bundle exports the same API as `lib/`, so it takes the package's own types.
declare module 'adaptivecards/dist/adaptivecards.js' {
  export * from 'adaptivecards';
}
