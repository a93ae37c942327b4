import { Schema, model, type InferSchemaType, type HydratedDocument } from 'mongoose';
import { LOCALES } from '../../core/message';
import { PRESENCES, ROLES } from './user-kinds';

export { ROLES, PRESENCES, type Role, type Presence } from './user-kinds';

/** Console users. Only an argon2 hash of the password is stored (see user.service); sign-in locks are in LoginThrottle. */
const userSchema = new Schema(
  {
    email: { type: String, required: true, trim: true, lowercase: true, maxlength: 200, match: /^[^\s@]+@[^\s@]+\.[^\s@]+$/ },
    name: { type: String, required: true, trim: true, maxlength: 100 },
    role: { type: String, enum: ROLES, required: true },
    /** The agent's number in the opening line: "我是*号客服人员". */
    agentNumber: { type: String, required: true, match: /^\w{1,8}$/ },
    passwordHash: { type: String, required: true, select: false },
    active: { type: Boolean, default: true },
    /** What the agent chose (or the sign-in set); offline after the console is gone for the grace period. */
    presence: { type: String, enum: PRESENCES, default: 'offline' },
    /** The last moment a console of theirs was known open (sign-in, socket, heartbeat); see presence.service. */
    presenceSeenAt: Date,
    /** Concurrent chats; unset: AGENT_MAX_CHATS. */
    maxChats: { type: Number, min: 1, max: 50 },
    /** For routing: what they can serve (订单, 投诉, English…) and the teams they belong to. */
    skills: { type: [{ type: String, trim: true, maxlength: 30 }], default: [] },
    groups: { type: [{ type: String, trim: true, maxlength: 30 }], default: [] },
    /** The console's language for them; unset: the browser's choice. */
    locale: { type: String, enum: LOCALES },
    lastLoginAt: Date,
  },
  { timestamps: true },
);
userSchema.index({ email: 1 }, { unique: true });
userSchema.index({ agentNumber: 1 }, { unique: true });
userSchema.index({ role: 1, presence: 1 });

export type UserFields = InferSchemaType<typeof userSchema>;
export type UserDoc = HydratedDocument<UserFields>;
export const User = model('User', userSchema);
