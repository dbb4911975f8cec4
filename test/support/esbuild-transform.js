// Jest transform: TypeScript (and ESM-only dependencies such as middy) to CommonJS with the
// project's esbuild, one file at a time, with inline source maps for readable stack traces.
const { transformSync } = require('esbuild');

module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(source, {
      loader: filename.endsWith('.ts') ? 'ts' : 'js',
      format: 'cjs',
      target: 'node20',
      sourcemap: 'external',
      sourcefile: filename,
    });
    return { code, map };
  },
};
