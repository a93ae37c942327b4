import type { Socket } from 'socket.io';

/**
 * Sockets open on this instance per key (a conversation, a console session): a slot is taken when
 * a socket is admitted and given back once, on whichever comes first of its disconnect and its
 * connection's close (a handshake whose client left before it finished never connects).
 */
export function socketSlots(max: number) {
  const open = new Map<string, number>();
  return {
    /** Takes a slot for the socket, or false when the key has `max` open. */
    take(key: string, socket: Socket): boolean {
      const count = open.get(key) ?? 0;
      if (count >= max || socket.conn.readyState !== 'open') return false;
      open.set(key, count + 1);
      let held = true;
      const release = () => {
        if (!held) return;
        held = false;
        const left = (open.get(key) ?? 1) - 1;
        if (left > 0) open.set(key, left);
        else open.delete(key);
      };
      socket.once('disconnect', release);
      socket.conn.once('close', release);
      return true;
    },
  };
}
