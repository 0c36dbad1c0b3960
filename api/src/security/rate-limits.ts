import { GraphQLError } from 'graphql';
import type { Redis } from 'ioredis';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

/** Requests allowed per window. Sign-in and sign-up are far stricter than ordinary traffic. */
export interface RateLimitConfig {
  /** Any /graphql request, per client IP, per minute. */
  ipPerMinute: number;
  /** Any /graphql request by one signed-in account, per minute (whatever IPs it comes from). */
  accountPerMinute: number;
  /** Live (SSE) streams open at once from one client IP, on one instance. */
  streamsPerIp: number;
  /** Live (SSE) streams open at once by one signed-in account, on one instance. */
  streamsPerAccount: number;
  /** Sign-in attempts per IP per 15 minutes. */
  signInPerIp: number;
  /** Sign-in attempts for one email address from one IP per 15 minutes (a success clears them). */
  signInPerEmailIp: number;
  /**
   * Sign-in attempts for one email address from all IPs together per hour: more than one IP can make alone, so
   * guessing from one network never locks the member out elsewhere, while guessing from many is still bounded.
   */
  signInPerEmail: number;
  /** Sign-ups per IP per hour. */
  signUpPerIp: number;
  /** Sign-ups (so confirmation e-mails) per email address per hour. */
  signUpPerEmail: number;
  /** Password checks by a signed-in account (e.g. deleting it) per 15 minutes (a success clears them). */
  passwordChecksPerAccount: number;
  /** Password-reset requests per IP per hour. */
  passwordResetPerIp: number;
  /** Password-reset requests (so reset e-mails) per email address per hour. */
  passwordResetPerEmail: number;
  /** Co-host invitations (so e-mails to addresses of the inviter's choosing) by one account per hour. */
  coHostInvitesPerAccount: number;
}

export const DEFAULT_RATE_LIMITS: RateLimitConfig = {
  ipPerMinute: 600,
  accountPerMinute: 300,
  streamsPerIp: 20,
  streamsPerAccount: 10,
  signInPerIp: 30,
  signInPerEmailIp: 10,
  signInPerEmail: 50,
  signUpPerIp: 10,
  signUpPerEmail: 3,
  passwordChecksPerAccount: 5,
  passwordResetPerIp: 10,
  passwordResetPerEmail: 3,
  coHostInvitesPerAccount: 30,
};

export function scaledRateLimits(factor: number): RateLimitConfig {
  const f = Number.isFinite(factor) && factor > 0 ? factor : 1;
  return Object.fromEntries(
    Object.entries(DEFAULT_RATE_LIMITS).map(([k, v]) => [k, Math.max(1, Math.round(v * f))]),
  ) as unknown as RateLimitConfig;
}

export class RateLimited extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }

  /** As a GraphQL error: yoga answers 429 with Retry-After for it; masking leaves it alone. */
  toGraphQL(): GraphQLError {
    return new GraphQLError(this.message, {
      extensions: {
        code: 'RATE_LIMITED',
        retryAfterSeconds: this.retryAfterSeconds,
        http: { status: 429, headers: { 'Retry-After': String(this.retryAfterSeconds) } },
      },
    });
  }
}

const minutes = (s: number) => (s < 90 ? `${s} seconds` : `${Math.ceil(s / 60)} minutes`);

export class RateLimits {
  private readonly ip: RateLimiterAbstract;
  private readonly account: RateLimiterAbstract;
  private readonly signInIp: RateLimiterAbstract;
  private readonly signInEmailIp: RateLimiterAbstract;
  private readonly signInEmail: RateLimiterAbstract;
  private readonly signUpIp: RateLimiterAbstract;
  private readonly signUpEmail: RateLimiterAbstract;
  private readonly passwordChecks: RateLimiterAbstract;
  private readonly resetIp: RateLimiterAbstract;
  private readonly resetEmail: RateLimiterAbstract;
  private readonly coHostInvites: RateLimiterAbstract;

  /** With Redis the counts are shared by every API instance (memory stands in if Redis is unreachable). */
  constructor(
    readonly limits: RateLimitConfig,
    redis: Redis | null = null,
  ) {
    const make = (keyPrefix: string, points: number, duration: number): RateLimiterAbstract => {
      const memory = new RateLimiterMemory({ keyPrefix, points, duration });
      return redis
        ? new RateLimiterRedis({ storeClient: redis, keyPrefix: `rallypoint:rl:${keyPrefix}`, points, duration, insuranceLimiter: memory })
        : memory;
    };
    this.ip = make('ip', limits.ipPerMinute, 60);
    this.account = make('account', limits.accountPerMinute, 60);
    this.signInIp = make('signin-ip', limits.signInPerIp, 15 * 60);
    this.signInEmailIp = make('signin-email-ip', limits.signInPerEmailIp, 15 * 60);
    this.signInEmail = make('signin-email', limits.signInPerEmail, 60 * 60);
    this.signUpIp = make('signup-ip', limits.signUpPerIp, 60 * 60);
    this.signUpEmail = make('signup-email', limits.signUpPerEmail, 60 * 60);
    this.passwordChecks = make('password-checks', limits.passwordChecksPerAccount, 15 * 60);
    this.resetIp = make('reset-ip', limits.passwordResetPerIp, 60 * 60);
    this.resetEmail = make('reset-email', limits.passwordResetPerEmail, 60 * 60);
    this.coHostInvites = make('co-host-invites', limits.coHostInvitesPerAccount, 60 * 60);
  }

  private async take(limiter: RateLimiterAbstract, key: string, message: string): Promise<void> {
    try {
      await limiter.consume(key);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      throw new RateLimited(`${message}; try again in ${minutes(seconds)}`, seconds);
    }
  }

  request(ip: string): Promise<void> {
    return this.take(this.ip, ip, 'Too many requests from your network');
  }

  accountRequest(userId: string): Promise<void> {
    return this.take(this.account, userId, 'Too many requests from your account');
  }

  async signIn(ip: string, email: string): Promise<void> {
    const address = email.trim().toLowerCase();
    await this.take(this.signInIp, ip, 'Too many sign-in attempts from your network');
    await this.take(this.signInEmailIp, `${address} ${ip}`, 'Too many sign-in attempts for this account from your network');
    await this.take(this.signInEmail, address, 'Too many sign-in attempts for this account');
  }

  async signedIn(ip: string, email: string): Promise<void> {
    const address = email.trim().toLowerCase();
    await Promise.all([this.signInEmailIp.delete(`${address} ${ip}`), this.signInEmail.delete(address)]);
  }

  async signUp(ip: string, email: string): Promise<void> {
    await this.take(this.signUpIp, ip, 'Too many sign-ups from your network');
    await this.take(this.signUpEmail, email.trim().toLowerCase(), 'Too many sign-ups for this address; check your inbox');
  }

  /** A new confirmation link asked for by a signed-in member: counted with the sign-ups for that address. */
  verificationResend(email: string): Promise<void> {
    return this.take(this.signUpEmail, email.trim().toLowerCase(), 'Too many confirmation e-mails for this address; check your inbox');
  }

  /** Password-reset requests: per network, and per address (so nobody can flood an inbox with reset e-mails). */
  async passwordReset(ip: string, email: string): Promise<void> {
    await this.take(this.resetIp, ip, 'Too many password-reset requests from your network');
    await this.take(this.resetEmail, email.trim().toLowerCase(), 'Too many password-reset requests for this address; check your inbox');
  }

  /** Co-host invitations by one account: each may e-mail an address that has no account. */
  coHostInvite(userId: string): Promise<void> {
    return this.take(this.coHostInvites, userId, 'Too many co-host invitations from your account');
  }

  /** Before checking a signed-in member's password: guessing from a stolen session is bounded too. */
  passwordCheck(userId: string): Promise<void> {
    return this.take(this.passwordChecks, userId, 'Too many password attempts');
  }

  async passwordChecked(userId: string): Promise<void> {
    await this.passwordChecks.delete(userId);
  }
}
