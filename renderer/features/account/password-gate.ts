// After sign-in, ask the server whether the user still has a one-time password: then the app
// shows the change-password form (every other call answers 403 password_change_required). The
// same answer carries the server's limits (the largest attachment), which the app keeps.
import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { create } from 'zustand';
import { rememberServerAttachmentMaxBytes } from '../../attachments/files';
import { useSession } from '../../session';
import { accountApi } from './api';

interface PasswordGateState {
  /** The user must set their own password before anything else syncs. */
  required: boolean;
  set(required: boolean): void;
}

export const usePasswordGate = create<PasswordGateState>()((set) => ({
  required: false,
  set: (required) => set({ required }),
}));

/** Checks once per signed-in session (again after each sign-in); sends the user to /account when required. */
export function usePasswordChangeCheck(): void {
  const navigate = useNavigate();
  const phase = useSession((s) => s.phase);
  const needsSignIn = useSession((s) => s.needsSignIn);
  const userId = useSession((s) => s.identity?.user.id);
  useEffect(() => {
    if (phase !== 'active' || needsSignIn || !userId) return;
    let live = true;
    void accountApi.me().then((result) => {
      if (!live || !result.ok) return;
      // The server's limit per attachment bounds the app's size setting (Account → Attachments).
      rememberServerAttachmentMaxBytes(result.value.limits?.attachmentMaxBytes);
      const required = result.value.mustChangePassword === true;
      usePasswordGate.getState().set(required);
      if (required) void navigate('/account');
    });
    return () => {
      live = false;
    };
  }, [phase, needsSignIn, userId, navigate]);
}
