import { describe, expect, it } from 'vitest';
import { decoyHash, hashPassword, verifyPassword } from './passwords';

describe('scrypt passwords', () => {
  it('verifies the right password and refuses others', async () => {
    const stored = await hashPassword('correct horse');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword('correct horse', stored)).toBe(true);
    expect(await verifyPassword('correct horse ', stored)).toBe(false);
    expect(await verifyPassword('Correct horse', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts: the same password hashes differently each time', async () => {
    const [a, b] = await Promise.all([hashPassword('same'), hashPassword('same')]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same', a)).toBe(true);
    expect(await verifyPassword('same', b)).toBe(true);
  });

  it('compares Unicode passwords in NFKC form (composed and decomposed ā match)', async () => {
    const stored = await hashPassword('Līga-pāroles');
    expect(await verifyPassword('Li\u0304ga-pa\u0304roles', stored)).toBe(true);
  });

  it('reads its parameters from the stored hash, so older (cheaper) hashes still verify', async () => {
    // A hash made with N=1024, as a cheaper earlier setting would have stored it.
    const { scryptSync } = await import('node:crypto');
    const salt = Buffer.from('saltsaltsaltsalt');
    const key = scryptSync('pw', salt, 32, { N: 1024, r: 8, p: 1 });
    const old = `scrypt$1024$8$1$${salt.toString('base64url')}$${key.toString('base64url')}`;
    expect(await verifyPassword('pw', old)).toBe(true);
    expect(await verifyPassword('pw2', old)).toBe(false);
  });

  it('treats malformed or tampered hashes as no match', async () => {
    const stored = await hashPassword('pw');
    const parts = stored.split('$');
    const key = parts[5]!;
    const tampered = [...parts.slice(0, 5), `${key[0] === 'A' ? 'B' : 'A'}${key.slice(1)}`].join(
      '$',
    );
    for (const bad of [
      '',
      'plain',
      'bcrypt$x',
      stored.replace('scrypt', 'md5'),
      parts.slice(0, 5).join('$'),
      stored.replace('$32768$', '$0$'),
      stored.replace('$32768$', '$1073741824$'), // absurd cost: refused, not attempted
      `${parts.slice(0, 5).join('$')}$c2hvcnQ`,
      tampered,
    ]) {
      expect(await verifyPassword('pw', bad), bad).toBe(false);
    }
  });

  it('the decoy hash is a real hash that no likely password matches', async () => {
    const decoy = await decoyHash();
    expect(decoy).toBe(await decoyHash());
    expect(decoy).toMatch(/^scrypt\$/);
    expect(await verifyPassword('', decoy)).toBe(false);
  });
});
