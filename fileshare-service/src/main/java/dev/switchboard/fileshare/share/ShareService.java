package dev.switchboard.fileshare.share;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import dev.switchboard.fileshare.storage.FileStore;
import dev.switchboard.fileshare.storage.InsufficientStorageException;
import dev.switchboard.fileshare.system.FileshareProperties;
import dev.switchboard.fileshare.upload.ReceivedUpload;
import dev.switchboard.fileshare.upload.ReceivedUpload.ReceivedFile;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates, finds, counts and deletes shares; keeps the database, the stored files and the
 * room they take in step.
 */
@Service
public class ShareService {

	private final ShareRepository repository;

	private final FileStore store;

	private final FileshareProperties properties;

	private final Clock clock;

	private final TransactionTemplate transactions;

	public ShareService(ShareRepository repository, FileStore store, FileshareProperties properties, Clock clock,
			PlatformTransactionManager transactionManager) {
		this.repository = repository;
		this.store = store;
		this.properties = properties;
		this.clock = clock;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	/**
	 * Store a received upload as a new share.
	 * @param upload the checked upload, its files still in the incoming folder
	 * @return the new share and its delete token, which is not stored and cannot be shown
	 * again
	 * @throws IOException if a file cannot be moved into the store
	 * @throws InsufficientStorageException if the disk is full
	 */
	public NewShare create(ReceivedUpload upload) throws IOException {
		Instant now = now().truncatedTo(ChronoUnit.SECONDS);
		Integer maxDownloads = upload.options().maxDownloads();
		Long expiresIn = upload.options().expiresInSeconds();
		Duration lifetime = (expiresIn != null) ? Duration.ofSeconds(expiresIn) : this.properties.defaultExpiry();
		String deleteToken = ShareTokens.newDeleteToken();
		List<SharedFile> files = new ArrayList<>();
		try {
			for (ReceivedFile file : upload.files()) {
				String storedName = commit(file);
				files.add(new SharedFile(file.name(), file.size(), file.sha256(), file.crc32(), storedName));
			}
			Share share = new Share(ShareTokens.newShareToken(), ShareTokens.hash(deleteToken),
					(maxDownloads != null) ? maxDownloads : 1, now, now.plus(lifetime), files);
			// The share takes over the room reserved for its upload, in one transaction
			Share stored = this.transactions.execute((status) -> {
				Share saved = this.repository.save(share);
				upload.reservation().settle();
				return saved;
			});
			return new NewShare(stored, deleteToken);
		}
		catch (IOException | RuntimeException ex) {
			files.forEach((file) -> this.store.delete(file.getStoredName()));
			upload.files().forEach((file) -> this.store.discard(file.incoming()));
			upload.reservation().release();
			throw ex;
		}
	}

	private String commit(ReceivedFile file) throws IOException {
		try {
			return this.store.commit(file.incoming());
		}
		catch (IOException ex) {
			this.store.failIfDiskFull(ex);
			throw ex;
		}
	}

	/**
	 * Find a share, whatever its state.
	 * @param token the share's token
	 * @return the share
	 * @throws ShareNotFoundException if no share has this token
	 */
	public Share find(String token) {
		if (!ShareTokens.isWellFormed(token)) {
			throw new ShareNotFoundException();
		}
		return this.repository.findByToken(token).orElseThrow(ShareNotFoundException::new);
	}

	/**
	 * Check that a share can be downloaded now.
	 * @param share the share
	 * @throws ShareGoneException if it expired or has no downloads left
	 */
	public void requireAvailable(Share share) {
		ShareState state = share.stateAt(now());
		if (state != ShareState.AVAILABLE) {
			throw new ShareGoneException(state);
		}
	}

	/**
	 * Count one download of a share, atomically in the database.
	 * @param share the share being downloaded
	 * @throws ShareGoneException if no download is left (another client took the last
	 * one) or the share just expired
	 */
	public void countDownload(Share share) {
		Instant now = now();
		if (this.repository.countDownload(share.getToken(), now) != 1) {
			ShareState state = share.stateAt(now);
			throw new ShareGoneException((state == ShareState.EXPIRED) ? state : ShareState.EXHAUSTED);
		}
	}

	/**
	 * Delete a share and its files.
	 * @param token the share's token
	 * @param deleteToken the delete token given when it was created
	 * @throws ShareNotFoundException if no share has this token
	 * @throws NotAllowedException if the delete token is missing or wrong
	 */
	public void delete(String token, String deleteToken) {
		Share share = find(token);
		if (!ShareTokens.matches(deleteToken, share.getDeleteTokenHash())) {
			throw new NotAllowedException("Not allowed: the " + ShareController.DELETE_TOKEN_HEADER
					+ " header is missing or does not hold this share's delete token.");
		}
		this.repository.deleteById(share.getId());
		share.getFiles().forEach((file) -> this.store.delete(file.getStoredName()));
	}

	/**
	 * Return the current time of the service's clock.
	 * @return now
	 */
	public Instant now() {
		return this.clock.instant();
	}

	/**
	 * A share just created, with its delete token.
	 *
	 * @param share the stored share
	 * @param deleteToken the delete token, in clear, for the creator only
	 */
	public record NewShare(Share share, String deleteToken) {
	}

}
