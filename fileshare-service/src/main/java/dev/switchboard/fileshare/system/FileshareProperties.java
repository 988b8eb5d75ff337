package dev.switchboard.fileshare.system;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the file sharing service: where files live, how much room they may take,
 * and how large, how many and how long shares may be.
 *
 * @param dataDir directory where shared files are stored, under names the service chooses
 * (a docker volume in compose)
 * @param publicDir read-only directory listed and served under {@code /pub/}
 * @param maxFileSize largest file accepted in a share
 * @param maxShareSize largest total size of the files of one share
 * @param maxTotalSize largest total size of the files of all shares still stored, uploads
 * in progress included; an upload that would exceed it is refused with 507
 * @param minFreeSpace free space to keep on the disk of the data directory (which the
 * database may share); an upload that would leave less is refused with 507; 0 turns the
 * check off
 * @param maxFiles largest number of files in one share
 * @param maxNameLength longest relative name (path) of a shared file, in characters
 * @param defaultExpiry how long a share lives when the upload gives no
 * {@code expiresInSeconds}
 * @param maxExpiry longest lifetime an upload may ask for
 * @param purgeInterval how often ended shares are purged
 * @param purgeDelay how long an ended share keeps its files, so that a download that
 * started just before the end completes
 * @param retention how long the record of a purged share is kept, so that its link
 * answers 410 Gone rather than 404
 */
@Validated
@ConfigurationProperties("switchboard.fileshare")
public record FileshareProperties(@DefaultValue("./data/fileshare") Path dataDir,
		@DefaultValue("./public") Path publicDir, @DefaultValue("1GB") DataSize maxFileSize,
		@DefaultValue("1GB") DataSize maxShareSize, @DefaultValue("10GB") DataSize maxTotalSize,
		@DefaultValue("1GB") DataSize minFreeSpace, @DefaultValue("1000") @Min(1) @Max(100_000) int maxFiles,
		@DefaultValue("1024") @Min(16) @Max(4096) int maxNameLength, @DefaultValue("1d") Duration defaultExpiry,
		@DefaultValue("30d") Duration maxExpiry, @DefaultValue("1m") Duration purgeInterval,
		@DefaultValue("1m") Duration purgeDelay, @DefaultValue("7d") Duration retention) {

}
