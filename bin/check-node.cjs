// Runs first in every npm script and is imported first by bin/*.js, so a too-old Node stops here in one
// line instead of deep inside a dependency (Vitest on Node 20: "Map.groupBy is not a function").
// CommonJS with nothing newer than ES2015, so that any Node can run it. Keep in step with package.json "engines".
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 13)) {
  console.error(`Solvewatch needs Node 22.13 or newer (this is ${process.version}).`);
  process.exit(1);
}
