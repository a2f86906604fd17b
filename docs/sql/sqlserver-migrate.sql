IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL
BEGIN
    CREATE TABLE [__EFMigrationsHistory] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK___EFMigrationsHistory] PRIMARY KEY ([MigrationId])
    );
END;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122222740_Initial'
)
BEGIN
    CREATE TABLE [AspNetRoles] (
        [Id] nvarchar(450) NOT NULL,
        [Name] nvarchar(256) NULL,
        [NormalizedName] nvarchar(256) NULL,
        [ConcurrencyStamp] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetRoles] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122222740_Initial'
)
BEGIN
    CREATE TABLE [AspNetUsers] (
        [Id] nvarchar(450) NOT NULL,
        [LastWorkspaceId] uniqueidentifier NULL,
        [UserName] nvarchar(256) NULL,
        [NormalizedUserName] nvarchar(256) NULL,
        [Email] nvarchar(256) NULL,
        [NormalizedEmail] nvarchar(256) NULL,
        [EmailConfirmed] bit NOT NULL,
        [PasswordHash] nvarchar(max) NULL,
        [SecurityStamp] nvarchar(max) NULL,
        [ConcurrencyStamp] nvarchar(max) NULL,
        [PhoneNumber] nvarchar(256) NULL,
        [PhoneNumberConfirmed] bit NOT NULL,
        [TwoFactorEnabled] bit NOT NULL,
        [LockoutEnd] datetimeoffset NULL,
        [LockoutEnabled] bit NOT NULL,
        [AccessFailedCount] int NOT NULL,
        CONSTRAINT [PK_AspNetUsers] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122222740_Initial'
)
BEGIN
    CREATE TABLE [Workspaces] (
        [Id] uniqueidentifier NOT NULL,
        [Name] nvarchar(100) NOT NULL,
        [Kind] int NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_Workspaces] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122222740_Initial'
)
BEGIN
    CREATE TABLE [AspNetRoleClaims] (
        [Id] int NOT NULL IDENTITY,
        [RoleId] nvarchar(450) NOT NULL,
        [ClaimType] nvarchar(max) NULL,
        [ClaimValue] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetRoleClaims] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AspNetRoleClaims_AspNetRoles_RoleId] FOREIGN KEY ([RoleId]) REFERENCES [AspNetRoles] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122222740_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserClaims] (
        [Id] int NOT NULL IDENTITY,
        [UserId] nvarchar(450) NOT NULL,
        [ClaimType] nvarchar(max) NULL,
        [ClaimValue] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetUserClaims] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AspNetUserClaims_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122222740_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserLogins] (
        [LoginProvider] nvarchar(128) NOT NULL,
        [ProviderKey] nvarchar(128) NOT NULL,
        [ProviderDisplayName] nvarchar(max) NULL,
        [UserId] nvarchar(450) NOT NULL,
        CONSTRAINT [PK_AspNetUserLogins] PRIMARY KEY ([LoginProvider], [ProviderKey]),
        CONSTRAINT [FK_AspNetUserLogins_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122222740_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserPasskeys] (
        [CredentialId] varbinary(1024) NOT NULL,
        [UserId] nvarchar(450) NOT NULL,
        [Data] nvarchar(max) NOT NULL,
        CONSTRAINT [PK_AspNetUserPasskeys] PRIMARY KEY ([CredentialId]),
        CONSTRAINT [FK_AspNetUserPasskeys_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122222740_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserRoles] (
        [UserId] nvarchar(450) NOT NULL,
        [RoleId] nvarchar(450) NOT NULL,
        CONSTRAINT [PK_AspNetUserRoles] PRIMARY KEY ([UserId], [RoleId]),
        CONSTRAINT [FK_AspNetUserRoles_AspNetRoles_RoleId] FOREIGN KEY ([RoleId]) REFERENCES [AspNetRoles] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_AspNetUserRoles_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122222740_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserTokens] (
        [UserId] nvarchar(450) NOT NULL,
        [LoginProvider] nvarchar(128) NOT NULL,
        [Name] nvarchar(128) NOT NULL,
        [Value] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetUserTokens] PRIMARY KEY ([UserId], [LoginProvider], [Name]),
        CONSTRAINT [FK_AspNetUserTokens_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122222740_Initial'
)
BEGIN
    CREATE TABLE [LedgerEntries] (
        [Id] bigint NOT NULL IDENTITY,
        [WorkspaceId] uniqueidentifier NOT NULL,
        [Type] int NOT NULL,
        [CreditDeltaMicros] bigint NOT NULL,
        [AllowanceDeltaMicros] bigint NOT NULL,
        [BalanceAfterMicros] bigint NOT NULL,
        [AllowanceAfterMicros] bigint NOT NULL,
        [IdempotencyKey] nvarchar(200) NOT NULL,
        [Reference] nvarchar(200) NULL,
        [Description] nvarchar(300) NOT NULL,
        [CreatedByUserId] nvarchar(450) NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_LedgerEntries] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_LedgerEntries_Workspaces_WorkspaceId] FOREIGN KEY ([WorkspaceId]) REFERENCES [Workspaces] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122222740_Initial'
)
BEGIN
    CREATE TABLE [Subscriptions] (
        [WorkspaceId] uniqueidentifier NOT NULL,
        [PlanCode] nvarchar(32) NOT NULL,
        [Status] int NOT NULL,
        [TrialEndsAt] datetime2 NULL,
        [CurrentPeriodStart] datetime2 NOT NULL,
        [CurrentPeriodEnd] datetime2 NOT NULL,
        CONSTRAINT [PK_Subscriptions] PRIMARY KEY ([WorkspaceId]),
        CONSTRAINT [FK_Subscriptions_Workspaces_WorkspaceId] FOREIGN KEY ([WorkspaceId]) REFERENCES [Workspaces] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122222740_Initial'
)
BEGIN
    CREATE TABLE [Wallets] (
        [WorkspaceId] uniqueidentifier NOT NULL,
        [CreditBalanceMicros] bigint NOT NULL,
        [AllowanceRemainingMicros] bigint NOT NULL,
        CONSTRAINT [PK_Wallets] PRIMARY KEY ([WorkspaceId]),
        CONSTRAINT [FK_Wallets_Workspaces_WorkspaceId] FOREIGN KEY ([WorkspaceId]) REFERENCES [Workspaces] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122222740_Initial'
)
BEGIN
    CREATE TABLE [WorkspaceMembers] (
        [Id] bigint NOT NULL IDENTITY,
        [WorkspaceId] uniqueidentifier NOT NULL,
        [UserId] nvarchar(450) NOT NULL,
        [Role] int NOT NULL,
        [Permissions] int NOT NULL,
        [JoinedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_WorkspaceMembers] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_WorkspaceMembers_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_WorkspaceMembers_Workspaces_WorkspaceId] FOREIGN KEY ([WorkspaceId]) REFERENCES [Workspaces] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122222740_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetRoleClaims_RoleId] ON [AspNetRoleClaims] ([RoleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122222740_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [RoleNameIndex] ON [AspNetRoles] ([NormalizedName]) WHERE [NormalizedName] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122222740_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUserClaims_UserId] ON [AspNetUserClaims] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122222740_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUserLogins_UserId] ON [AspNetUserLogins] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122222740_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUserPasskeys_UserId] ON [AspNetUserPasskeys] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122222740_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUserRoles_RoleId] ON [AspNetUserRoles] ([RoleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122222740_Initial'
)
BEGIN
    CREATE INDEX [EmailIndex] ON [AspNetUsers] ([NormalizedEmail]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122222740_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [UserNameIndex] ON [AspNetUsers] ([NormalizedUserName]) WHERE [NormalizedUserName] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122222740_Initial'
)
BEGIN
    CREATE INDEX [IX_LedgerEntries_WorkspaceId_Id] ON [LedgerEntries] ([WorkspaceId], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122222740_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_LedgerEntries_WorkspaceId_IdempotencyKey] ON [LedgerEntries] ([WorkspaceId], [IdempotencyKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122222740_Initial'
)
BEGIN
    CREATE INDEX [IX_LedgerEntries_WorkspaceId_Type_CreatedAt] ON [LedgerEntries] ([WorkspaceId], [Type], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122222740_Initial'
)
BEGIN
    CREATE INDEX [IX_WorkspaceMembers_UserId] ON [WorkspaceMembers] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122222740_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_WorkspaceMembers_WorkspaceId_UserId] ON [WorkspaceMembers] ([WorkspaceId], [UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122222740_Initial'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261122222740_Initial', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122232835_UsageMetering'
)
BEGIN
    CREATE TABLE [ApiKeys] (
        [Id] uniqueidentifier NOT NULL,
        [WorkspaceId] uniqueidentifier NOT NULL,
        [Name] nvarchar(100) NOT NULL,
        [Prefix] nvarchar(16) NOT NULL,
        [SecretHash] nvarchar(64) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [CreatedByUserId] nvarchar(450) NULL,
        [LastUsedAt] datetime2 NULL,
        [RevokedAt] datetime2 NULL,
        CONSTRAINT [PK_ApiKeys] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ApiKeys_Workspaces_WorkspaceId] FOREIGN KEY ([WorkspaceId]) REFERENCES [Workspaces] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122232835_UsageMetering'
)
BEGIN
    CREATE TABLE [CostRates] (
        [Id] bigint NOT NULL IDENTITY,
        [LineItem] int NOT NULL,
        [Metric] int NOT NULL,
        [Key] nvarchar(100) NOT NULL,
        [DisplayName] nvarchar(100) NOT NULL,
        [UnitPriceMicros] bigint NOT NULL,
        [UnitSize] bigint NOT NULL,
        [PlatformFeeBasisPoints] int NOT NULL,
        [EffectiveFrom] datetime2 NOT NULL,
        [EffectiveTo] datetime2 NULL,
        [PlanCode] nvarchar(32) NULL,
        CONSTRAINT [PK_CostRates] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122232835_UsageMetering'
)
BEGIN
    CREATE TABLE [UsageDailyRollups] (
        [WorkspaceId] uniqueidentifier NOT NULL,
        [Day] datetime2 NOT NULL,
        [Agent] nvarchar(100) NOT NULL,
        [LineItem] int NOT NULL,
        [Metric] int NOT NULL,
        [Key] nvarchar(100) NOT NULL,
        [ApiKeyId] uniqueidentifier NOT NULL,
        [Quantity] bigint NOT NULL,
        [CostMicros] bigint NOT NULL,
        [LineItems] int NOT NULL,
        CONSTRAINT [PK_UsageDailyRollups] PRIMARY KEY ([WorkspaceId], [Day], [Agent], [LineItem], [Metric], [Key], [ApiKeyId])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122232835_UsageMetering'
)
BEGIN
    CREATE TABLE [UsageEventReceipts] (
        [WorkspaceId] uniqueidentifier NOT NULL,
        [EventId] nvarchar(64) NOT NULL,
        [ReceivedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_UsageEventReceipts] PRIMARY KEY ([WorkspaceId], [EventId])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122232835_UsageMetering'
)
BEGIN
    CREATE TABLE [UsageLineItems] (
        [Id] bigint NOT NULL IDENTITY,
        [WorkspaceId] uniqueidentifier NOT NULL,
        [EventId] nvarchar(64) NOT NULL,
        [RunId] nvarchar(64) NOT NULL,
        [Agent] nvarchar(100) NOT NULL,
        [Timestamp] datetime2 NOT NULL,
        [StepIndex] int NOT NULL,
        [StepType] nvarchar(50) NOT NULL,
        [LineItem] int NOT NULL,
        [Metric] int NOT NULL,
        [Key] nvarchar(100) NOT NULL,
        [Quantity] bigint NOT NULL,
        [RateId] bigint NOT NULL,
        [CostMicros] bigint NOT NULL,
        [DurationMs] bigint NULL,
        [UserId] nvarchar(100) NULL,
        [PersonaId] nvarchar(100) NULL,
        [ApiKeyId] uniqueidentifier NULL,
        CONSTRAINT [PK_UsageLineItems] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122232835_UsageMetering'
)
BEGIN
    CREATE TABLE [UsageRuns] (
        [WorkspaceId] uniqueidentifier NOT NULL,
        [RunId] nvarchar(64) NOT NULL,
        [Agent] nvarchar(100) NOT NULL,
        [FirstAt] datetime2 NOT NULL,
        [LastAt] datetime2 NOT NULL,
        [Events] int NOT NULL,
        [CostMicros] bigint NOT NULL,
        [ApiKeyId] uniqueidentifier NULL,
        CONSTRAINT [PK_UsageRuns] PRIMARY KEY ([WorkspaceId], [RunId])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122232835_UsageMetering'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ApiKeys_SecretHash] ON [ApiKeys] ([SecretHash]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122232835_UsageMetering'
)
BEGIN
    CREATE INDEX [IX_ApiKeys_WorkspaceId] ON [ApiKeys] ([WorkspaceId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122232835_UsageMetering'
)
BEGIN
    CREATE INDEX [IX_CostRates_LineItem_Key_Metric_EffectiveFrom] ON [CostRates] ([LineItem], [Key], [Metric], [EffectiveFrom]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122232835_UsageMetering'
)
BEGIN
    CREATE INDEX [IX_UsageLineItems_WorkspaceId_RunId] ON [UsageLineItems] ([WorkspaceId], [RunId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122232835_UsageMetering'
)
BEGIN
    CREATE INDEX [IX_UsageLineItems_WorkspaceId_Timestamp] ON [UsageLineItems] ([WorkspaceId], [Timestamp]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122232835_UsageMetering'
)
BEGIN
    CREATE INDEX [IX_UsageRuns_WorkspaceId_LastAt] ON [UsageRuns] ([WorkspaceId], [LastAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122232835_UsageMetering'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261122232835_UsageMetering', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123005326_CreditsAndPayments'
)
BEGIN
    CREATE TABLE [CardSetups] (
        [Id] uniqueidentifier NOT NULL,
        [WorkspaceId] uniqueidentifier NOT NULL,
        [Provider] int NOT NULL,
        [Status] int NOT NULL,
        [CheckoutId] nvarchar(255) NULL,
        [CheckoutUrl] nvarchar(2000) NULL,
        [PaymentMethodId] uniqueidentifier NULL,
        [CreatedByUserId] nvarchar(450) NULL,
        [CreatedAt] datetime2 NOT NULL,
        [CompletedAt] datetime2 NULL,
        CONSTRAINT [PK_CardSetups] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_CardSetups_Workspaces_WorkspaceId] FOREIGN KEY ([WorkspaceId]) REFERENCES [Workspaces] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123005326_CreditsAndPayments'
)
BEGIN
    CREATE TABLE [CreditSettings] (
        [WorkspaceId] uniqueidentifier NOT NULL,
        [LowBalanceThresholdMicros] bigint NOT NULL,
        [AutoTopUpEnabled] bit NOT NULL,
        [AutoTopUpThresholdMicros] bigint NOT NULL,
        [AutoTopUpAmountMicros] bigint NOT NULL,
        [AutoTopUpMonthlyCapMicros] bigint NOT NULL,
        [AutoTopUpPaymentMethodId] uniqueidentifier NULL,
        [AutoTopUpPausedAt] datetime2 NULL,
        [AutoTopUpPauseReason] nvarchar(300) NULL,
        [AutoTopUpConsecutiveFailures] int NOT NULL,
        [AutoTopUpNextAttemptAt] datetime2 NULL,
        [AutoTopUpInFlightPaymentId] uniqueidentifier NULL,
        [AutoTopUpInFlightSince] datetime2 NULL,
        [UpdatedAt] datetime2 NOT NULL,
        [UpdatedByUserId] nvarchar(450) NULL,
        CONSTRAINT [PK_CreditSettings] PRIMARY KEY ([WorkspaceId]),
        CONSTRAINT [FK_CreditSettings_Workspaces_WorkspaceId] FOREIGN KEY ([WorkspaceId]) REFERENCES [Workspaces] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123005326_CreditsAndPayments'
)
BEGIN
    CREATE TABLE [LocalCards] (
        [Token] nvarchar(64) NOT NULL,
        [Behavior] int NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_LocalCards] PRIMARY KEY ([Token])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123005326_CreditsAndPayments'
)
BEGIN
    CREATE TABLE [Notifications] (
        [Id] bigint NOT NULL IDENTITY,
        [WorkspaceId] uniqueidentifier NOT NULL,
        [UserId] nvarchar(450) NOT NULL,
        [Type] nvarchar(64) NOT NULL,
        [DedupeKey] nvarchar(200) NOT NULL,
        [Title] nvarchar(200) NOT NULL,
        [Message] nvarchar(1000) NOT NULL,
        [Link] nvarchar(300) NULL,
        [CreatedAt] datetime2 NOT NULL,
        [ReadAt] datetime2 NULL,
        [EmailedAt] datetime2 NULL,
        CONSTRAINT [PK_Notifications] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Notifications_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_Notifications_Workspaces_WorkspaceId] FOREIGN KEY ([WorkspaceId]) REFERENCES [Workspaces] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123005326_CreditsAndPayments'
)
BEGIN
    CREATE TABLE [PaymentCustomers] (
        [WorkspaceId] uniqueidentifier NOT NULL,
        [Provider] int NOT NULL,
        [CustomerId] nvarchar(255) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_PaymentCustomers] PRIMARY KEY ([WorkspaceId], [Provider]),
        CONSTRAINT [FK_PaymentCustomers_Workspaces_WorkspaceId] FOREIGN KEY ([WorkspaceId]) REFERENCES [Workspaces] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123005326_CreditsAndPayments'
)
BEGIN
    CREATE TABLE [PaymentMethods] (
        [Id] uniqueidentifier NOT NULL,
        [WorkspaceId] uniqueidentifier NOT NULL,
        [Provider] int NOT NULL,
        [ProviderMethodId] nvarchar(255) NOT NULL,
        [Brand] nvarchar(32) NOT NULL,
        [Last4] nvarchar(4) NOT NULL,
        [ExpMonth] int NOT NULL,
        [ExpYear] int NOT NULL,
        [IsDefault] bit NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [RemovedAt] datetime2 NULL,
        CONSTRAINT [PK_PaymentMethods] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_PaymentMethods_Workspaces_WorkspaceId] FOREIGN KEY ([WorkspaceId]) REFERENCES [Workspaces] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123005326_CreditsAndPayments'
)
BEGIN
    CREATE TABLE [Payments] (
        [Id] uniqueidentifier NOT NULL,
        [WorkspaceId] uniqueidentifier NOT NULL,
        [Purpose] int NOT NULL,
        [Provider] int NOT NULL,
        [LiveMode] bit NOT NULL,
        [AmountMicros] bigint NOT NULL,
        [Currency] nvarchar(3) NOT NULL,
        [Status] int NOT NULL,
        [RequestKey] nvarchar(200) NOT NULL,
        [Description] nvarchar(300) NOT NULL,
        [CheckoutId] nvarchar(255) NULL,
        [CheckoutUrl] nvarchar(2000) NULL,
        [ProviderPaymentId] nvarchar(255) NULL,
        [ProviderChargeId] nvarchar(255) NULL,
        [PaymentMethodId] uniqueidentifier NULL,
        [CardDescription] nvarchar(100) NULL,
        [FailureCode] nvarchar(100) NULL,
        [FailureMessage] nvarchar(500) NULL,
        [CreditEntryId] bigint NULL,
        [RefundedMicros] bigint NOT NULL,
        [DisputedMicros] bigint NOT NULL,
        [CreatedByUserId] nvarchar(450) NULL,
        [CreatedAt] datetime2 NOT NULL,
        [UpdatedAt] datetime2 NOT NULL,
        [CompletedAt] datetime2 NULL,
        CONSTRAINT [PK_Payments] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Payments_Workspaces_WorkspaceId] FOREIGN KEY ([WorkspaceId]) REFERENCES [Workspaces] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123005326_CreditsAndPayments'
)
BEGIN
    CREATE TABLE [WebhookEvents] (
        [Provider] int NOT NULL,
        [EventId] nvarchar(255) NOT NULL,
        [Type] nvarchar(100) NOT NULL,
        [LiveMode] bit NOT NULL,
        [Payload] nvarchar(max) NULL,
        [ReceivedAt] datetime2 NOT NULL,
        [ProcessedAt] datetime2 NULL,
        [Outcome] nvarchar(300) NULL,
        CONSTRAINT [PK_WebhookEvents] PRIMARY KEY ([Provider], [EventId])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123005326_CreditsAndPayments'
)
BEGIN
    CREATE INDEX [IX_CardSetups_CheckoutId] ON [CardSetups] ([CheckoutId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123005326_CreditsAndPayments'
)
BEGIN
    CREATE INDEX [IX_CardSetups_WorkspaceId] ON [CardSetups] ([WorkspaceId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123005326_CreditsAndPayments'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Notifications_UserId_WorkspaceId_DedupeKey] ON [Notifications] ([UserId], [WorkspaceId], [DedupeKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123005326_CreditsAndPayments'
)
BEGIN
    CREATE INDEX [IX_Notifications_UserId_WorkspaceId_Id] ON [Notifications] ([UserId], [WorkspaceId], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123005326_CreditsAndPayments'
)
BEGIN
    CREATE INDEX [IX_Notifications_WorkspaceId] ON [Notifications] ([WorkspaceId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123005326_CreditsAndPayments'
)
BEGIN
    CREATE UNIQUE INDEX [IX_PaymentCustomers_Provider_CustomerId] ON [PaymentCustomers] ([Provider], [CustomerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123005326_CreditsAndPayments'
)
BEGIN
    CREATE UNIQUE INDEX [IX_PaymentMethods_Provider_ProviderMethodId] ON [PaymentMethods] ([Provider], [ProviderMethodId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123005326_CreditsAndPayments'
)
BEGIN
    CREATE INDEX [IX_PaymentMethods_WorkspaceId] ON [PaymentMethods] ([WorkspaceId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123005326_CreditsAndPayments'
)
BEGIN
    CREATE INDEX [IX_Payments_CheckoutId] ON [Payments] ([CheckoutId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123005326_CreditsAndPayments'
)
BEGIN
    CREATE INDEX [IX_Payments_ProviderChargeId] ON [Payments] ([ProviderChargeId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123005326_CreditsAndPayments'
)
BEGIN
    CREATE INDEX [IX_Payments_ProviderPaymentId] ON [Payments] ([ProviderPaymentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123005326_CreditsAndPayments'
)
BEGIN
    CREATE INDEX [IX_Payments_WorkspaceId_CreatedAt] ON [Payments] ([WorkspaceId], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123005326_CreditsAndPayments'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Payments_WorkspaceId_RequestKey] ON [Payments] ([WorkspaceId], [RequestKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123005326_CreditsAndPayments'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261123005326_CreditsAndPayments', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123012329_UsageRunKeys'
)
BEGIN
    CREATE TABLE [UsageRunKeys] (
        [WorkspaceId] uniqueidentifier NOT NULL,
        [RunId] nvarchar(64) NOT NULL,
        [Key] nvarchar(100) NOT NULL,
        [FirstAt] datetime2 NOT NULL,
        CONSTRAINT [PK_UsageRunKeys] PRIMARY KEY ([WorkspaceId], [RunId], [Key])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123012329_UsageRunKeys'
)
BEGIN
    CREATE INDEX [IX_UsageRuns_WorkspaceId_Agent_FirstAt] ON [UsageRuns] ([WorkspaceId], [Agent], [FirstAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123012329_UsageRunKeys'
)
BEGIN
    CREATE INDEX [IX_UsageRuns_WorkspaceId_CostMicros] ON [UsageRuns] ([WorkspaceId], [CostMicros]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123012329_UsageRunKeys'
)
BEGIN
    CREATE INDEX [IX_UsageRuns_WorkspaceId_FirstAt] ON [UsageRuns] ([WorkspaceId], [FirstAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123012329_UsageRunKeys'
)
BEGIN
    CREATE INDEX [IX_UsageRunKeys_WorkspaceId_Key_FirstAt] ON [UsageRunKeys] ([WorkspaceId], [Key], [FirstAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123012329_UsageRunKeys'
)
BEGIN
    INSERT INTO UsageRunKeys (WorkspaceId, RunId, [Key], FirstAt) SELECT DISTINCT li.WorkspaceId, li.RunId, li.[Key], r.FirstAt FROM UsageLineItems li JOIN UsageRuns r ON r.WorkspaceId = li.WorkspaceId AND r.RunId = li.RunId;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123012329_UsageRunKeys'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261123012329_UsageRunKeys', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123035050_SubscriptionLifecycle'
)
BEGIN
    ALTER TABLE [Subscriptions] ADD [BillingAnchor] datetime2 NOT NULL DEFAULT '0001-01-01T00:00:00.0000000';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123035050_SubscriptionLifecycle'
)
BEGIN
    UPDATE Subscriptions SET BillingAnchor = CurrentPeriodStart;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123035050_SubscriptionLifecycle'
)
BEGIN
    ALTER TABLE [Subscriptions] ADD [PastDueSince] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123035050_SubscriptionLifecycle'
)
BEGIN
    ALTER TABLE [Subscriptions] ADD [PausedAt] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123035050_SubscriptionLifecycle'
)
BEGIN
    ALTER TABLE [Subscriptions] ADD [PendingPlanCode] nvarchar(32) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123035050_SubscriptionLifecycle'
)
BEGIN
    ALTER TABLE [Subscriptions] ADD [PendingPlanRequestedAt] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123035050_SubscriptionLifecycle'
)
BEGIN
    ALTER TABLE [Payments] ADD [InvoiceId] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123035050_SubscriptionLifecycle'
)
BEGIN
    CREATE TABLE [InvoiceNumberCounters] (
        [Id] int NOT NULL,
        [LastNumber] bigint NOT NULL,
        CONSTRAINT [PK_InvoiceNumberCounters] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123035050_SubscriptionLifecycle'
)
BEGIN
    CREATE TABLE [Invoices] (
        [Id] uniqueidentifier NOT NULL,
        [WorkspaceId] uniqueidentifier NOT NULL,
        [Number] bigint NOT NULL,
        [Kind] int NOT NULL,
        [Status] int NOT NULL,
        [IdempotencyKey] nvarchar(200) NOT NULL,
        [PlanCode] nvarchar(32) NOT NULL,
        [PeriodStart] datetime2 NOT NULL,
        [PeriodEnd] datetime2 NOT NULL,
        [IssuedAt] datetime2 NOT NULL,
        [DueAt] datetime2 NOT NULL,
        [TotalMicros] bigint NOT NULL,
        [Currency] nvarchar(3) NOT NULL,
        [CustomerName] nvarchar(200) NOT NULL,
        [CustomerEmail] nvarchar(256) NULL,
        [PaidAt] datetime2 NULL,
        [VoidedAt] datetime2 NULL,
        [LastPaymentId] uniqueidentifier NULL,
        [PaymentAttempts] int NOT NULL,
        [NextPaymentAttemptAt] datetime2 NULL,
        [StripeInvoiceId] nvarchar(255) NULL,
        [StripePdfUrl] nvarchar(2000) NULL,
        CONSTRAINT [PK_Invoices] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Invoices_Workspaces_WorkspaceId] FOREIGN KEY ([WorkspaceId]) REFERENCES [Workspaces] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123035050_SubscriptionLifecycle'
)
BEGIN
    CREATE TABLE [SalesInquiries] (
        [Id] bigint NOT NULL IDENTITY,
        [WorkspaceId] uniqueidentifier NOT NULL,
        [UserId] nvarchar(450) NOT NULL,
        [Name] nvarchar(100) NOT NULL,
        [Email] nvarchar(256) NOT NULL,
        [Company] nvarchar(200) NOT NULL,
        [Seats] int NOT NULL,
        [Message] nvarchar(2000) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_SalesInquiries] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_SalesInquiries_Workspaces_WorkspaceId] FOREIGN KEY ([WorkspaceId]) REFERENCES [Workspaces] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123035050_SubscriptionLifecycle'
)
BEGIN
    CREATE TABLE [InvoiceLines] (
        [Id] bigint NOT NULL IDENTITY,
        [InvoiceId] uniqueidentifier NOT NULL,
        [Position] int NOT NULL,
        [Kind] int NOT NULL,
        [Description] nvarchar(300) NOT NULL,
        [AmountMicros] bigint NOT NULL,
        CONSTRAINT [PK_InvoiceLines] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_InvoiceLines_Invoices_InvoiceId] FOREIGN KEY ([InvoiceId]) REFERENCES [Invoices] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123035050_SubscriptionLifecycle'
)
BEGIN
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Id', N'LastNumber') AND [object_id] = OBJECT_ID(N'[InvoiceNumberCounters]'))
        SET IDENTITY_INSERT [InvoiceNumberCounters] ON;
    EXEC(N'INSERT INTO [InvoiceNumberCounters] ([Id], [LastNumber])
    VALUES (1, CAST(0 AS bigint))');
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Id', N'LastNumber') AND [object_id] = OBJECT_ID(N'[InvoiceNumberCounters]'))
        SET IDENTITY_INSERT [InvoiceNumberCounters] OFF;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123035050_SubscriptionLifecycle'
)
BEGIN
    CREATE INDEX [IX_Subscriptions_CurrentPeriodEnd] ON [Subscriptions] ([CurrentPeriodEnd]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123035050_SubscriptionLifecycle'
)
BEGIN
    CREATE INDEX [IX_Payments_InvoiceId] ON [Payments] ([InvoiceId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123035050_SubscriptionLifecycle'
)
BEGIN
    CREATE UNIQUE INDEX [IX_InvoiceLines_InvoiceId_Position] ON [InvoiceLines] ([InvoiceId], [Position]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123035050_SubscriptionLifecycle'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Invoices_Number] ON [Invoices] ([Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123035050_SubscriptionLifecycle'
)
BEGIN
    CREATE INDEX [IX_Invoices_Status_NextPaymentAttemptAt] ON [Invoices] ([Status], [NextPaymentAttemptAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123035050_SubscriptionLifecycle'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Invoices_WorkspaceId_IdempotencyKey] ON [Invoices] ([WorkspaceId], [IdempotencyKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123035050_SubscriptionLifecycle'
)
BEGIN
    CREATE INDEX [IX_Invoices_WorkspaceId_IssuedAt] ON [Invoices] ([WorkspaceId], [IssuedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123035050_SubscriptionLifecycle'
)
BEGIN
    CREATE INDEX [IX_SalesInquiries_WorkspaceId_CreatedAt] ON [SalesInquiries] ([WorkspaceId], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123035050_SubscriptionLifecycle'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261123035050_SubscriptionLifecycle', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123074637_UsageRollupSummaryIndex'
)
BEGIN
    CREATE INDEX [IX_UsageDailyRollups_Summary] ON [UsageDailyRollups] ([WorkspaceId], [Day], [LineItem], [Agent], [Key], [ApiKeyId], [CostMicros], [LineItems]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123074637_UsageRollupSummaryIndex'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261123074637_UsageRollupSummaryIndex', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206182342_WorkspaceInvitations'
)
BEGIN
    CREATE TABLE [WorkspaceInvitations] (
        [Id] bigint NOT NULL IDENTITY,
        [WorkspaceId] uniqueidentifier NOT NULL,
        [Email] nvarchar(256) NOT NULL,
        [NormalizedEmail] nvarchar(256) NOT NULL,
        [Role] int NOT NULL,
        [Permissions] int NOT NULL,
        [TokenHash] nvarchar(64) NOT NULL,
        [InvitedByUserId] nvarchar(450) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [ExpiresAt] datetime2 NOT NULL,
        [AcceptedAt] datetime2 NULL,
        [AcceptedByUserId] nvarchar(450) NULL,
        [RevokedAt] datetime2 NULL,
        CONSTRAINT [PK_WorkspaceInvitations] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_WorkspaceInvitations_Workspaces_WorkspaceId] FOREIGN KEY ([WorkspaceId]) REFERENCES [Workspaces] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206182342_WorkspaceInvitations'
)
BEGIN
    CREATE UNIQUE INDEX [IX_WorkspaceInvitations_TokenHash] ON [WorkspaceInvitations] ([TokenHash]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206182342_WorkspaceInvitations'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_WorkspaceInvitations_WorkspaceId_NormalizedEmail] ON [WorkspaceInvitations] ([WorkspaceId], [NormalizedEmail]) WHERE "AcceptedAt" IS NULL AND "RevokedAt" IS NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206182342_WorkspaceInvitations'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206182342_WorkspaceInvitations', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206214747_MultiInstance'
)
BEGIN
    CREATE TABLE [DataProtectionKeys] (
        [Id] int NOT NULL IDENTITY,
        [FriendlyName] nvarchar(max) NULL,
        [Xml] nvarchar(max) NULL,
        CONSTRAINT [PK_DataProtectionKeys] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206214747_MultiInstance'
)
BEGIN
    CREATE TABLE [WorkerLeases] (
        [Name] nvarchar(64) NOT NULL,
        [Holder] nvarchar(200) NOT NULL,
        [ExpiresAt] datetime2 NOT NULL,
        CONSTRAINT [PK_WorkerLeases] PRIMARY KEY ([Name])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206214747_MultiInstance'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206214747_MultiInstance', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207002738_SharedThrottles'
)
BEGIN
    CREATE TABLE [ThrottleCounters] (
        [Key] varchar(43) NOT NULL,
        [ClearsAt] bigint NOT NULL,
        CONSTRAINT [PK_ThrottleCounters] PRIMARY KEY ([Key])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207002738_SharedThrottles'
)
BEGIN
    CREATE INDEX [IX_ThrottleCounters_ClearsAt] ON [ThrottleCounters] ([ClearsAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207002738_SharedThrottles'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207002738_SharedThrottles', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207031052_AuditTrail'
)
BEGIN
    CREATE TABLE [AuditEntries] (
        [Id] bigint NOT NULL IDENTITY,
        [WorkspaceId] uniqueidentifier NOT NULL,
        [At] datetime2 NOT NULL,
        [ActorUserId] nvarchar(450) NULL,
        [ActorLabel] nvarchar(256) NOT NULL,
        [Source] nvarchar(16) NOT NULL,
        [Action] nvarchar(64) NOT NULL,
        [TargetId] nvarchar(128) NULL,
        [TargetLabel] nvarchar(256) NULL,
        [Before] nvarchar(4000) NULL,
        [After] nvarchar(4000) NULL,
        [CorrelationId] nvarchar(64) NULL,
        CONSTRAINT [PK_AuditEntries] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207031052_AuditTrail'
)
BEGIN
    CREATE INDEX [IX_AuditEntries_WorkspaceId_At_Id] ON [AuditEntries] ([WorkspaceId], [At], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207031052_AuditTrail'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207031052_AuditTrail', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207063334_LedgerTimeOrder'
)
BEGIN
    CREATE INDEX [IX_LedgerEntries_WorkspaceId_CreatedAt_Id] ON [LedgerEntries] ([WorkspaceId], [CreatedAt], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207063334_LedgerTimeOrder'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207063334_LedgerTimeOrder', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207121206_BillingDetailsAndInvoicePeriods'
)
BEGIN
    ALTER TABLE [Invoices] ADD [CustomerAddress] nvarchar(1000) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207121206_BillingDetailsAndInvoicePeriods'
)
BEGIN
    ALTER TABLE [Invoices] ADD [CustomerTaxId] nvarchar(100) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207121206_BillingDetailsAndInvoicePeriods'
)
BEGIN
    ALTER TABLE [Invoices] ADD [PlanPeriodEnd] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207121206_BillingDetailsAndInvoicePeriods'
)
BEGIN
    ALTER TABLE [Invoices] ADD [PlanPeriodStart] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207121206_BillingDetailsAndInvoicePeriods'
)
BEGIN
    CREATE TABLE [BillingDetails] (
        [WorkspaceId] uniqueidentifier NOT NULL,
        [LegalName] nvarchar(200) NOT NULL,
        [AddressLine1] nvarchar(200) NOT NULL,
        [AddressLine2] nvarchar(200) NULL,
        [City] nvarchar(100) NOT NULL,
        [PostalCode] nvarchar(20) NULL,
        [Region] nvarchar(100) NULL,
        [Country] nvarchar(2) NOT NULL,
        [TaxIdType] nvarchar(16) NULL,
        [TaxId] nvarchar(64) NULL,
        [Email] nvarchar(256) NULL,
        [UpdatedAt] datetime2 NOT NULL,
        [UpdatedByUserId] nvarchar(450) NULL,
        CONSTRAINT [PK_BillingDetails] PRIMARY KEY ([WorkspaceId]),
        CONSTRAINT [FK_BillingDetails_Workspaces_WorkspaceId] FOREIGN KEY ([WorkspaceId]) REFERENCES [Workspaces] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207121206_BillingDetailsAndInvoicePeriods'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207121206_BillingDetailsAndInvoicePeriods', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207184550_PersonalTokens'
)
BEGIN
    CREATE TABLE [PersonalTokens] (
        [Id] uniqueidentifier NOT NULL,
        [UserId] nvarchar(450) NOT NULL,
        [WorkspaceId] uniqueidentifier NOT NULL,
        [Name] nvarchar(100) NOT NULL,
        [Scope] int NOT NULL,
        [Prefix] nvarchar(16) NOT NULL,
        [SecretHash] nvarchar(64) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [ExpiresAt] datetime2 NULL,
        [LastUsedAt] datetime2 NULL,
        [RevokedAt] datetime2 NULL,
        CONSTRAINT [PK_PersonalTokens] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_PersonalTokens_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_PersonalTokens_Workspaces_WorkspaceId] FOREIGN KEY ([WorkspaceId]) REFERENCES [Workspaces] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207184550_PersonalTokens'
)
BEGIN
    CREATE UNIQUE INDEX [IX_PersonalTokens_SecretHash] ON [PersonalTokens] ([SecretHash]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207184550_PersonalTokens'
)
BEGIN
    CREATE INDEX [IX_PersonalTokens_UserId] ON [PersonalTokens] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207184550_PersonalTokens'
)
BEGIN
    CREATE INDEX [IX_PersonalTokens_WorkspaceId] ON [PersonalTokens] ([WorkspaceId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207184550_PersonalTokens'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207184550_PersonalTokens', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261208000908_Budgets'
)
BEGIN
    CREATE TABLE [Budgets] (
        [Id] uniqueidentifier NOT NULL,
        [WorkspaceId] uniqueidentifier NOT NULL,
        [Scope] int NOT NULL,
        [Target] nvarchar(450) NULL,
        [Period] int NOT NULL,
        [LimitMicros] bigint NOT NULL,
        [Action] int NOT NULL,
        [Thresholds] nvarchar(64) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [CountsFrom] datetime2 NOT NULL,
        [UpdatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_Budgets] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Budgets_Workspaces_WorkspaceId] FOREIGN KEY ([WorkspaceId]) REFERENCES [Workspaces] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261208000908_Budgets'
)
BEGIN
    CREATE TABLE [RunHolds] (
        [Id] uniqueidentifier NOT NULL,
        [WorkspaceId] uniqueidentifier NOT NULL,
        [RunId] nvarchar(64) NOT NULL,
        [Agent] nvarchar(100) NOT NULL,
        [ApiKeyId] uniqueidentifier NULL,
        [UserId] nvarchar(100) NULL,
        [AmountMicros] bigint NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [ExpiresAt] datetime2 NOT NULL,
        [ReleasedAt] datetime2 NULL,
        CONSTRAINT [PK_RunHolds] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_RunHolds_Workspaces_WorkspaceId] FOREIGN KEY ([WorkspaceId]) REFERENCES [Workspaces] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261208000908_Budgets'
)
BEGIN
    CREATE TABLE [BudgetSpends] (
        [BudgetId] uniqueidentifier NOT NULL,
        [PeriodStart] datetime2 NOT NULL,
        [SpentMicros] bigint NOT NULL,
        CONSTRAINT [PK_BudgetSpends] PRIMARY KEY ([BudgetId], [PeriodStart]),
        CONSTRAINT [FK_BudgetSpends_Budgets_BudgetId] FOREIGN KEY ([BudgetId]) REFERENCES [Budgets] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261208000908_Budgets'
)
BEGIN
    CREATE INDEX [IX_Budgets_WorkspaceId] ON [Budgets] ([WorkspaceId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261208000908_Budgets'
)
BEGIN
    CREATE INDEX [IX_RunHolds_WorkspaceId_ExpiresAt] ON [RunHolds] ([WorkspaceId], [ExpiresAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261208000908_Budgets'
)
BEGIN
    CREATE UNIQUE INDEX [IX_RunHolds_WorkspaceId_RunId] ON [RunHolds] ([WorkspaceId], [RunId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261208000908_Budgets'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261208000908_Budgets', N'10.0.14');
END;

COMMIT;
GO
