'use strict';
// Packing, the release's publish guard, and fresh npm projects for the pack-and-install smoke.
module.exports = {
  ...require('./workspace-packages'),
  ...require('./pnpm-command'),
  ...require('./tarball-manifest'),
  ...require('./publish-guard'),
  ...require('./pack'),
  ...require('./npm-project'),
};
