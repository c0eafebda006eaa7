/** The role rules: order, defaults per method, and a refusal that names the role needed and the caller's. */
import { describe, expect, it } from 'vitest';
import { AtlasError } from '../errors.js';
import { defaultRole, requireRole, roleAllows } from './roles.js';

describe('roles', () => {
  it('orders admin above editor above viewer', () => {
    expect(roleAllows('admin', 'editor')).toBe(true);
    expect(roleAllows('editor', 'editor')).toBe(true);
    expect(roleAllows('editor', 'admin')).toBe(false);
    expect(roleAllows('viewer', 'editor')).toBe(false);
    expect(roleAllows('viewer', 'viewer')).toBe(true);
  });

  it('lets everyone read and keeps every other method for admins unless a route says otherwise', () => {
    expect(defaultRole('get')).toBe('viewer');
    expect(defaultRole('GET')).toBe('viewer');
    for (const method of ['post', 'put', 'delete']) expect(defaultRole(method)).toBe('admin');
  });

  it('refuses with 403 naming the role needed and the caller’s', () => {
    expect(() => requireRole('editor', 'editor', 'Saving a mapping')).not.toThrow();
    const refusal = (() => {
      try {
        requireRole('viewer', 'editor', 'Saving a mapping');
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(AtlasError);
    expect(refusal).toMatchObject({
      code: 'HTTP_FORBIDDEN',
      message: 'Saving a mapping needs the editor role; you are a viewer',
    });
    expect(() => requireRole('editor', 'admin')).toThrow('This needs the admin role; you are an editor');
  });
});
