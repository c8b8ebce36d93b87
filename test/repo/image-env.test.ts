// The cold-start bench runs `node dist/main.js` with the image's environment, read from the Dockerfile.
import { describe, expect, it } from 'vitest';
import { imageEnv } from '../../bench/image-env.js';

describe('imageEnv', () => {
  it('reads the ENV lines of the last stage only, in both forms', () => {
    const dockerfile = ['FROM node AS build', 'ENV npm_config_nodedir=/usr/local', 'FROM node', 'ENV NODE_ENV=production PORT=3000', 'ENV LEGACY some value', 'CMD ["node"]'].join('\n');
    expect(imageEnv(dockerfile)).toEqual({ NODE_ENV: 'production', PORT: '3000', LEGACY: 'some value' });
  });

  it("finds the allocator setting in the repository's Dockerfile", () => {
    expect(imageEnv().MALLOC_ARENA_MAX).toBe('2');
  });
});
