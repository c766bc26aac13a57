import { loadOptionalPackage, optionalPackageMissing } from '../src';

const notFound = (request: string): Error => Object.assign(new Error(`Cannot find module '${request}'\nRequire stack:\n- x.js`), { code: 'MODULE_NOT_FOUND' });
const fail = (error: Error) => (): never => {
  throw error;
};
class Missing extends Error {}

describe('loadOptionalPackage', () => {
  it('returns what the load returns', () => {
    expect(loadOptionalPackage('pkg', () => 42, () => new Missing())).toBe(42);
  });

  it('throws the missing error when the package itself is not installed', () => {
    expect(() => loadOptionalPackage('pkg', fail(notFound('pkg')), () => new Missing())).toThrow(Missing);
  });

  it('throws any other load error as it is, a missing module of the package included', () => {
    const broken = notFound('pkg-dependency');
    expect(() => loadOptionalPackage('pkg', fail(broken), () => new Missing())).toThrow(broken);
    const syntax = new SyntaxError('Unexpected token');
    expect(() => loadOptionalPackage('pkg', fail(syntax), () => new Missing())).toThrow(syntax);
  });
});

describe('optionalPackageMissing', () => {
  it('is false when the package resolves, and then loads nothing', () => {
    const load = jest.fn();
    expect(optionalPackageMissing('pkg', () => '/node_modules/pkg/index.js', load)).toBe(false);
    expect(load).not.toHaveBeenCalled();
  });

  it('is false when resolving fails but loading works (the package is inside a bundle)', () => {
    expect(optionalPackageMissing('pkg', fail(notFound('pkg')), () => ({}))).toBe(false);
  });

  it('is true only when neither resolving nor loading finds the package itself', () => {
    expect(optionalPackageMissing('pkg', fail(notFound('pkg')), fail(notFound('pkg')))).toBe(true);
    expect(optionalPackageMissing('pkg', fail(notFound('pkg')), fail(notFound('pkg-dependency')))).toBe(false);
    expect(optionalPackageMissing('pkg', fail(new Error('EACCES')), fail(notFound('pkg')))).toBe(false);
  });

  it('never throws', () => {
    expect(() => optionalPackageMissing('pkg', fail(new Error('resolve')), fail(new Error('load')))).not.toThrow();
  });
});

