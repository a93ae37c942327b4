import { Schema, model, type InferSchemaType, type HydratedDocument } from 'mongoose';

export const ROLES = ['agent', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Console users. Only an argon2 hash of the password is stored (see user.service). */
const userSchema = new Schema(
  {
    email: { type: String, required: true, trim: true, lowercase: true, maxlength: 200, match: /^[^\s@]+@[^\s@]+\.[^\s@]+$/ },
    name: { type: String, required: true, trim: true, maxlength: 100 },
    role: { type: String, enum: ROLES, required: true },
    /** The agent's number in the opening line: "我是*号客服人员". */
    agentNumber: { type: String, required: true, match: /^\w{1,8}$/ },
    passwordHash: { type: String, required: true, select: false },
    active: { type: Boolean, default: true },
    presence: { type: String, enum: ['online', 'away', 'offline'], default: 'offline' },
    maxChats: { type: Number, min: 1, max: 50, default: 5 },
    failedLogins: { type: Number, default: 0 },
    lockedUntil: Date,
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
