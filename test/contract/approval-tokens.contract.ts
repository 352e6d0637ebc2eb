import { describe, expect, it } from 'vitest';
import type { ApprovalTokens } from '#app/ports/approval-tokens.ts';

export const approvalTokensContract = (name: string, make: () => Promise<ApprovalTokens>) =>
  describe(`ApprovalTokens contract (${name})`, () => {
    it('keeps the latest token per order until removed', async () => {
      const tokens = await make();
      expect((await tokens.get('o-1'))._unsafeUnwrap()).toBeUndefined();
      await tokens.put('o-1', 'token-a');
      await tokens.put('o-1', 'token-b');
      await tokens.put('o-2', 'token-c');
      expect((await tokens.get('o-1'))._unsafeUnwrap()).toBe('token-b');
      await tokens.remove('o-1');
      expect((await tokens.get('o-1'))._unsafeUnwrap()).toBeUndefined();
      expect((await tokens.get('o-2'))._unsafeUnwrap()).toBe('token-c');
    });
  });
